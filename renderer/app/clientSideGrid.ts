import { ClientSideRowModelModule, ModuleRegistry } from 'ag-grid-community';
import './gridModules';

/** The grids that hold their rows (officer roster, audit log): the client-side row model, in their own chunks. */
ModuleRegistry.registerModules([ClientSideRowModelModule]);
