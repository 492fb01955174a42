import { useEffect, useMemo, useRef } from 'react';
import { Box } from '@mui/material';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, GridApi } from 'ag-grid-community';
import '../../app/clientSideGrid';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { useTranslation } from 'react-i18next';
import type { AdminOfficer } from '#shared/contract/api';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import { gridTheme } from '../../app/theme';


export interface OfficerGridProps {
  readonly rows: readonly AdminOfficer[];
  readonly language: Language;
  readonly selected: string | null;
  readonly onSelect: (badge: string | null) => void;
  /** The grid's API once ready; null once destroyed (a language switch remounts it). */
  readonly onReady: (api: GridApi<AdminOfficer> | null) => void;
}

const SINGLE = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;
const getRowId = (p: GetRowIdParams<AdminOfficer>) => p.data.badge;

/**
 * The roster: ag-grid's client-side model over the filtered list (at most the contract's 20,000
 * officers), rows keyed by badge so a row updated after an action keeps its place and selection.
 * Keyboard first as the queues are: the arrow keys move the focused cell and select its row.
 * Cells by col-id: badge, name, role, unit, unitCode, state.
 */
export function OfficerGrid(props: Readonly<OfficerGridProps>) {
  const { t } = useTranslation();
  const lang = props.language;
  const api = useRef<GridApi<AdminOfficer> | null>(null);
  const columns = useMemo<ColDef<AdminOfficer>[]>(
    () => [
      { colId: 'badge', field: 'badge', headerName: t('admin:col.badge'), width: 96, sort: 'asc' },
      { colId: 'name', field: 'name', headerName: t('admin:col.name'), width: 130 },
      { colId: 'role', headerName: t('admin:col.role'), width: 140, valueGetter: (p) => (p.data ? t(`admin:role.${p.data.role}`) : '') },
      {
        colId: 'unit',
        headerName: t('admin:col.unit'),
        flex: 1,
        minWidth: 220,
        valueGetter: (p) => (p.data ? localUnitName(p.data.unitCode, lang) : ''),
        tooltipValueGetter: (p) => (p.data ? localUnitName(p.data.unitCode, lang) : ''),
      },
      { colId: 'unitCode', field: 'unitCode', headerName: t('admin:col.unitCode'), width: 110 },
      {
        colId: 'state',
        headerName: t('admin:col.state'),
        width: 210,
        valueGetter: (p) => (p.data?.locked ? (p.data.lockedAt ? t('admin:state.lockedSince', { at: formatDateTime(p.data.lockedAt) }) : t('admin:state.locked')) : t('admin:state.active')),
        cellClassRules: { 'officer-locked': (p) => p.data?.locked === true },
      },
    ],
    [t, lang],
  );
  const defaultColDef = useMemo<ColDef<AdminOfficer>>(() => ({ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }), []);

  // a selection made outside the grid (a new officer) is shown and scrolled to
  useEffect(() => {
    const a = api.current;
    if (!a || !props.selected) return;
    const node = a.getRowNode(props.selected);
    if (node && !node.isSelected()) {
      node.setSelected(true, true);
      a.ensureNodeVisible(node);
    }
  }, [props.selected, props.rows]);

  return (
    <Box data-testid="admin-grid" sx={{ flex: 1, minHeight: 0, '.officer-locked': { color: '#c62828', fontWeight: 700 } }}>
      <AgGridReact<AdminOfficer>
        key={lang}
        theme={gridTheme}
        rowData={props.rows as AdminOfficer[]}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        localeText={lang === 'en' ? undefined : AG_GRID_LOCALE_CN}
        rowSelection={SINGLE}
        overlayNoRowsTemplate={`<span>${t('admin:empty').replace(/[<>&]/g, '')}</span>`}
        animateRows={false}
        tooltipShowDelay={500}
        onGridReady={(e) => {
          api.current = e.api;
          props.onReady(e.api);
          if (props.selected) e.api.getRowNode(props.selected)?.setSelected(true, true);
        }}
        onGridPreDestroyed={() => {
          api.current = null;
          props.onReady(null);
        }}
        onSelectionChanged={(e) => props.onSelect(e.api.getSelectedRows()[0]?.badge ?? null)}
        onCellFocused={(e) => {
          if (e.rowIndex === null || e.rowPinned) return;
          const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
          if (node?.data && !node.isSelected()) node.setSelected(true, true);
        }}
      />
    </Box>
  );
}
