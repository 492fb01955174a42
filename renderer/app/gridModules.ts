import {
  CellStyleModule,
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TextFilterModule,
  TooltipModule,
} from 'ag-grid-community';

/**
 * The ag-grid features the console's grids use, and no others: AllCommunityModule put all of
 * ag-grid (~960 KiB) into the start-up bundle. A feature used without its module is an "AG Grid:
 * error #200" in the page's console, which fails every e2e test (tests/e2e/fixtures.ts).
 * Here: the queues' infinite row model over items.query, text/date/number column filters, row
 * selection, tooltips, row and cell class rules, the Chinese locale, and the row, scroll, render
 * and column-state APIs the workspace calls. The officer roster and the audit log (pages loaded
 * on demand) add the client-side row model: clientSideGrid.ts.
 */
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  TextFilterModule,
  DateFilterModule,
  NumberFilterModule,
  RowSelectionModule,
  TooltipModule,
  RowStyleModule,
  CellStyleModule,
  LocaleModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  ColumnApiModule,
]);

