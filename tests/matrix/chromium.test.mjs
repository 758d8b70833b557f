// Debian's chromium, the engine of the full browser suite.
import { matrix } from './scenarios.mjs';

matrix('chromium');
