// "Copy link" buttons (data-copy="ID of the link to copy"): hidden without JavaScript, where the link
// itself stays visible to select and copy by hand.
(function () {
  'use strict';
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var link = document.getElementById(button.getAttribute('data-copy'));
    if (!link || !navigator.clipboard) return;
    var status = button.parentNode.querySelector('[role="status"]');
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(link.href).then(function () {
        if (status) status.textContent = 'Copied.';
      }, function () {
        if (status) status.textContent = 'Could not copy: select the link and copy it.';
      });
    });
  });
})();
