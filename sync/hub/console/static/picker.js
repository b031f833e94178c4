// Enhancement only (the picker works without it): a preset clears the custom dates, and picking a
// date switches the period to 自定义, so the form never sends a preset and dates that disagree.
(function () {
  var form = document.querySelector('form.picker');
  if (!form) return;
  var period = form.querySelector('select[name=period]');
  if (!period) return;  // a hall-only picker (终端状态)
  var dates = form.querySelectorAll('input[type=date]');
  function sync() {
    var custom = period.value === 'custom';
    for (var i = 0; i < dates.length; i++) dates[i].disabled = !custom;
  }
  period.addEventListener('change', sync);
  sync();
})();

// The print view's 打印 button: hidden in the page, shown here, so it is there only when it works.
(function () {
  var buttons = document.querySelectorAll('button[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () { window.print(); });
  }
})();
