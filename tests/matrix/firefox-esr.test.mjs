// Debian's Firefox ESR (153 when this was written).
import { matrix } from './scenarios.mjs';

matrix('firefox-esr');
