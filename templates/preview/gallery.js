// biome-ignore lint/suspicious/noRedundantUseStrict: inlined as a classic <script> (gallery.hbs), not a module: without the directive it runs sloppy
'use strict';
(() => {
  var form = document.getElementById('filters');
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('.item'));
  var shown = document.getElementById('shown');
  var none = document.getElementById('none-shown');
  function value(name) {
    var el = form.elements.namedItem(name);
    return el?.value ? el.value : '';
  }
  function apply() {
    var kinds = Array.prototype.slice.call(form.querySelectorAll('input[name=kind]:checked')).map((i) => i.value);
    var lang = value('lang'),
      preset = value('preset'),
      dataset = value('dataset');
    var n = 0;
    items.forEach((el) => {
      var d = el.dataset;
      var ok =
        kinds.indexOf(d.kind) >= 0 &&
        (!lang ||
          (lang.indexOf('has:') === 0
            ? d.langs.split(' ').indexOf(lang.slice(4)) >= 0
            : d.langset === lang.slice(3))) &&
        (!preset || (preset === '-' ? d.preset === '' : d.preset === preset)) &&
        (!dataset || d.dataset === dataset);
      el.hidden = !ok;
      if (ok) n++;
    });
    document.querySelectorAll('.section, .group, .dataset').forEach((s) => {
      s.hidden = !s.querySelector('.item:not([hidden])');
    });
    shown.textContent = `${n} of ${items.length} shown`;
    none.hidden = n > 0;
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
  });
  apply();
})();
