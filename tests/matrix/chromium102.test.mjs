// Chromium 102 (@sparticuz/chrome-aws-lambda 14.0.0): a 奇安信可信浏览器 kernel on 麒麟/UOS.
import { matrix } from './scenarios.mjs';

matrix('chromium102');
