// Firefox ESR 140, unpacked from Debian's package: the ESR before the current one.
import { matrix } from './scenarios.mjs';

matrix('firefox140');
