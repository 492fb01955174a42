// The rule lives in shared/ (the command core and the console use it too); the exchange's
// modules import it from here.
export { inScope, isVisible } from '#shared/domain/visibility';
