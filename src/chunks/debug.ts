// Loaded only in debug mode.
import { createDebug } from '../browser/debug';
export default createDebug();
