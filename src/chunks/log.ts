// Loaded on the first decision when a consent log endpoint is configured.
import { createConsentLog } from '../browser/consent-log';
export default createConsentLog();
