// The first script of both pages, written in ES5 on purpose: it must run in
// the browsers that cannot run the app, to say so. The message itself is
// plain HTML above this script and appears by CSS alone after a moment (see
// `#jixiao-boot` in style/main.css), so even a browser that runs no script
// shows it; this script makes it immediate and names the reason and the
// browser's version. The app hides it by setting `data-app-ready`.
(function () {
  var match = /(Firefox|Chrome|Chromium)\/(\d+)/.exec(navigator.userAgent);
  var engine = match ? (match[1] === 'Firefox' ? 'Firefox ' : 'Chromium ') + match[2] : '';
  function fail(reason) {
    if (document.documentElement.getAttribute('data-app-ready')) return;
    var box = document.getElementById('jixiao-boot');
    var detail = document.getElementById('jixiao-boot-detail');
    // The first reason is the cause; what fails after it follows from it.
    if (!box || !detail || box.className === 'failed') return;
    box.className = 'failed';
    detail.textContent = '无法启动' + (engine ? '（本浏览器为 ' + engine + ' 内核）' : '') + '：' + reason;
  }
  window.jixiaoFail = function (error) {
    fail(String((error && error.message) || error));
  };
  // A module script the engine cannot parse (top-level await before
  // Chromium 89, say) reports here, and so does a panic while starting.
  window.addEventListener('error', function (event) {
    fail(event.message || '脚本错误');
  });
  var missing = [];
  if (typeof WebAssembly !== 'object') missing.push('WebAssembly');
  if (typeof Promise !== 'function') missing.push('Promise');
  if (typeof TextDecoder !== 'function') missing.push('TextDecoder');
  // Only the single file inflates its inlined wasm in the page.
  if (document.documentElement.hasAttribute('data-single-file') && typeof DecompressionStream !== 'function') {
    missing.push('DecompressionStream');
  }
  if (missing.length) fail('缺少 ' + missing.join('、'));
  // The CSP in the page allows 'unsafe-eval', the only way Chromium before 97
  // lets a page compile WebAssembly. Engines that know 'wasm-unsafe-eval'
  // (Chromium 97, Firefox 102) get a second, stricter policy on top, so eval()
  // stays forbidden there. `findLast` arrived with Chromium 97 and Firefox 104:
  // an engine that has it knows 'wasm-unsafe-eval'. Policies only add up, so
  // the stricter one can be added here but never taken back.
  if (typeof Array.prototype.findLast === 'function') {
    var strict = document.createElement('meta');
    strict.httpEquiv = 'Content-Security-Policy';
    strict.content = "STRICT_SCRIPT_POLICY";
    document.head.appendChild(strict);
  }
})();
