// Chromium 86 (chrome-aws-lambda 5.3.1): the floor, the kernel of 360 安全/极速浏览器 13.
import { matrix } from './scenarios.mjs';

matrix('chromium86');
