// Chromium 90 (chrome-aws-lambda 8.0.2): a 奇安信可信浏览器 kernel.
import { matrix } from './scenarios.mjs';

matrix('chromium90');
