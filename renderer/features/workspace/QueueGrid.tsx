import { useMemo } from 'react';
import { Box, GlobalStyles } from '@mui/material';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent, RowClassRules } from 'ag-grid-community';
import '../../app/gridModules';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ItemRow } from '#shared/contract/bridge';
import { gridTheme } from '../../app/theme';
import type { Language } from '../../app/i18n';
import { QUEUE_BLOCK_ROWS } from './datasource';


export interface QueueGridProps<C extends object> {
  columns: ColDef<ItemRow>[];
  context: C;
  language: Language;
  emptyText: string;
  /** The grid's API once it is ready; null once it is destroyed (a language switch remounts it), so nobody calls a dead grid. */
  onReady: (api: GridApi<ItemRow> | null) => void;
  onSelect: (id: string | null, rowIndex: number | null) => void;
  /**
   * Rows get checkboxes for bulk actions: ticking (or Ctrl+click, Space) adds rows; with one row
   * selected it is opened as usual, with more the open item stays and `onSelectedIds` has them all.
   */
  multiSelect?: boolean;
  onSelectedIds?: (ids: string[]) => void;
}

const SINGLE = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;
const MULTI = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: true } as const;
/** ag-grid's own column of row checkboxes. */
const SELECTION_COLUMN = 'ag-Grid-SelectionColumn';
/** The tick column: as narrow as its checkbox, so the kind's columns keep their room. */
const SELECTION_COLUMN_DEF = { width: 36, minWidth: 36, maxWidth: 36, resizable: false, suppressHeaderMenuButton: true } as const;

const rowClassRules: RowClassRules<ItemRow> = {
  'queue-row-conflict': (p) => p.data?.conflict === true,
  'queue-row-pending': (p) => p.data?.pending === true,
};

const getRowId = (p: GetRowIdParams<ItemRow>) => p.data.id;

/**
 * A generic work-item queue: ag-grid's infinite row model (the caller sets the datasource on the
 * api, see datasource.ts), rows keyed by id so selection survives refreshes. The caller owns the
 * columns, the query and the selection.
 */
export function QueueGrid<C extends object>(props: Readonly<QueueGridProps<C>>) {
  const { onReady, onSelect, onSelectedIds } = props;
  // Headers wrap onto a second line rather than being cut (English labels are longer); the
  // columns' minimum widths keep them to two lines at 1280 px.
  // Shift + an arrow key pans the zoomed photo (workspace/keys.ts): the grid must not also move
  // to the next row, which opened the next case while the officer meant to pan (seen in CI when
  // the queue held more than one row)
  const defaultColDef = useMemo<ColDef<ItemRow>>(
    () => ({ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true, suppressKeyboardEvent: ({ event }) => event.shiftKey && event.key.startsWith('Arrow') }),
    [],
  );

  return (
    <Box data-testid="queue-grid" sx={{ flex: 1, minHeight: 0 }}>
      <GlobalStyles
        styles={{
          '.queue-row-conflict': { backgroundColor: '#fdecea !important', boxShadow: 'inset 4px 0 0 #c62828' },
          '.queue-row-pending': { fontStyle: 'italic' },
          '.days-overdue': { color: '#c62828', fontWeight: 700 },
          '.days-soon': { color: '#b26a00', fontWeight: 700 },
        }}
      />
      <AgGridReact<ItemRow>
        key={props.language}
        theme={gridTheme}
        rowModelType="infinite"
        cacheBlockSize={QUEUE_BLOCK_ROWS}
        maxBlocksInCache={50}
        columnDefs={props.columns}
        defaultColDef={defaultColDef}
        context={props.context}
        getRowId={getRowId}
        localeText={props.language === 'en' ? undefined : AG_GRID_LOCALE_CN}
        rowSelection={props.multiSelect ? MULTI : SINGLE}
        selectionColumnDef={props.multiSelect ? SELECTION_COLUMN_DEF : undefined}
        rowClassRules={rowClassRules}
        overlayNoRowsTemplate={`<span>${props.emptyText.replace(/[<>&]/g, '')}</span>`}
        animateRows={false}
        tooltipShowDelay={500}
        onGridReady={(e: GridReadyEvent<ItemRow>) => onReady(e.api)}
        onGridPreDestroyed={() => onReady(null)}
        onSelectionChanged={(e) => {
          const nodes = e.api.getSelectedNodes();
          onSelectedIds?.(nodes.flatMap((n) => (n.data ? [n.data.id] : [])));
          if (nodes.length > 1) return;
          const node = nodes[0];
          onSelect(node?.data?.id ?? null, node?.rowIndex ?? null);
        }}
        // keyboard first: moving the focused cell with the arrow keys selects its row too (not a
        // row checkbox's cell: ticking it adds the row to the others)
        onCellFocused={(e) => {
          if (e.rowIndex === null || e.rowPinned) return;
          if (typeof e.column === 'object' && e.column?.getColId() === SELECTION_COLUMN) return;
          const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
          if (node?.data && !node.isSelected()) node.setSelected(true, true);
        }}
      />
    </Box>
  );
}
