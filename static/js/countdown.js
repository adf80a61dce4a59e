// Flash sales: animates the server's countdown ("Opens in 1 h 05 min") once a second. The server's
// figure is the truth: this only counts it down from when the page arrived, and at zero enables the
// buy button (the server still decides; before the start it refuses with a clear page).
(function () {
  'use strict';
  var two = function (v) { return (v < 10 ? '0' : '') + v; };
  var text = function (s) {
    var d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60, sec = s % 60;
    if (d > 0) return d + (d === 1 ? ' day ' : ' days ') + h + ' h';
    if (h > 0) return h + ' h ' + two(m) + ' min';
    if (m > 0) return m + ' min ' + two(sec) + ' s';
    return sec + ' s';
  };
  var timers = document.querySelectorAll('[data-countdown]');
  Array.prototype.forEach.call(timers, function (el) {
    var total = parseInt(el.getAttribute('data-countdown'), 10);
    if (isNaN(total)) return;
    var started = Date.now();
    var out = el.querySelector('[data-countdown-text]') || el;
    var scope = el.closest('.buy-box') || document;
    var tick = function () {
      var left = Math.max(0, total - Math.floor((Date.now() - started) / 1000));
      out.textContent = text(left);
      if (left > 0) return;
      clearInterval(timer);
      el.textContent = 'The sale is open.';
      Array.prototype.forEach.call(scope.querySelectorAll('button[data-open-label]'), function (b) {
        b.disabled = false;
        b.textContent = b.getAttribute('data-open-label');
      });
    };
    var timer = setInterval(tick, 1000);
    tick();
  });
})();
