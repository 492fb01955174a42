import type { ColDef, ValueGetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { ItemRow } from '#shared/contract/bridge';
import type { WorkspaceGridContext } from './Workspace';
import { TEXT_FILTER } from './filters';

/** The header text and tooltip of a column, as each kind words them. */
export interface ColumnHeader {
  readonly headerName: string;
  readonly headerTooltip: string;
}

/**
 * The "claimed by" column every queue shows: "me" for the signed-in officer, else the holder's
 * name from the officer directory (the row's `claimedByName`), else the badge; name and badge in
 * the tooltip. Filter and sort map onto the core's `claimedBy` column.
 */
export function holderColumn(t: TFunction, header: ColumnHeader, size: { readonly flex: number; readonly minWidth: number }): ColDef<ItemRow> {
  return {
    colId: 'claimedBy',
    ...header,
    valueGetter: (p: ValueGetterParams<ItemRow, unknown, WorkspaceGridContext>) => {
      const row = p.data;
      if (!row?.claimedBy) return '';
      return row.claimedBy === p.context.me ? t('workspace:queue.me') : (row.claimedByName ?? row.claimedBy);
    },
    tooltipValueGetter: (p) => (p.data?.claimedBy ? `${p.data.claimedByName ?? ''} ${p.data.claimedBy}`.trim() : null),
    ...size,
    filter: 'agTextColumnFilter',
    filterParams: TEXT_FILTER,
  };
}
