// Loaded on the first withdrawal.
import { createCleaner } from '../browser/cleaner';
export default createCleaner();
