import { createTheme, type Theme } from '@mui/material/styles';
import { enUS, zhCN } from '@mui/material/locale';
import { themeQuartz } from 'ag-grid-community';
import type { Language } from './i18n';

/** A calm police blue with clear status colours; dense, because officers work long lists. */
const POLICE_BLUE = '#1d4f91';

const FONT_STACK = ['"Microsoft YaHei"', '"PingFang SC"', '"WenQuanYi Micro Hei"', '"Noto Sans CJK SC"', 'system-ui', 'sans-serif'].join(',');

export function makeTheme(lang: Language): Theme {
  return createTheme(
    {
      palette: {
        primary: { main: POLICE_BLUE, dark: '#143a6c', light: '#4a76b3', contrastText: '#fff' },
        secondary: { main: '#3d6b7d' },
        background: { default: '#f3f5f8', paper: '#ffffff' },
        error: { main: '#c62828' },
        warning: { main: '#b26a00' },
        success: { main: '#2e7d32' },
        text: { primary: '#1b2430', secondary: '#4f5b6b' },
      },
      shape: { borderRadius: 6 },
      typography: { fontFamily: FONT_STACK, fontSize: 13, button: { textTransform: 'none', fontWeight: 600 } },
      spacing: 6,
      components: {
        MuiButton: { defaultProps: { size: 'small', disableElevation: true } },
        MuiTextField: { defaultProps: { size: 'small' } },
        MuiFormControl: { defaultProps: { size: 'small' } },
        MuiToggleButton: { defaultProps: { size: 'small' } },
        MuiChip: { defaultProps: { size: 'small' } },
        MuiTooltip: { defaultProps: { arrow: true } },
      },
    },
    lang === 'en' ? enUS : zhCN,
  );
}

/** ag-grid's own theme (Theming API), tuned to match the MUI palette. */
export const gridTheme = themeQuartz.withParams({
  accentColor: POLICE_BLUE,
  fontFamily: FONT_STACK,
  fontSize: 13,
  headerFontWeight: 600,
  headerBackgroundColor: '#e9eef5',
  rowHeight: 34,
  headerHeight: 36,
  spacing: 5,
  cellHorizontalPaddingScale: 0.8,
  borderColor: '#d5dce6',
  selectedRowBackgroundColor: '#d6e4f5',
  oddRowBackgroundColor: '#fafbfd',
});
