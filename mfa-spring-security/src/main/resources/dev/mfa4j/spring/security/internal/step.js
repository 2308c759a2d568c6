// The mfa4j step page: sends a push without leaving the page, then follows it with long-polled
// status requests (each waits on the server, holding no thread, until the push changes), shows
// the Verified Push code and the time left, and finishes the step when the push is approved.
(function () {
  'use strict';
  var root = document.getElementById('mfa4j-step');
  if (!root || !window.fetch) {
    return;   // the forms still work without script
  }
  var data = root.dataset;
  var statusLine = document.getElementById('mfa4j-status');
  var codeLine = document.getElementById('mfa4j-code-line');
  var code = document.getElementById('mfa4j-code');
  var time = document.getElementById('mfa4j-time');
  var section = document.getElementById('mfa4j-push');
  var pushButton = document.getElementById('mfa4j-push-submit');
  var pushForm = document.getElementById('mfa4j-push-form');
  var finishForm = document.getElementById('mfa4j-finish-form');
  var message = document.getElementById('mfa4j-message');
  var countdown = null;

  function headers(json) {
    var h = { 'Accept': 'application/json' };
    if (json && data.csrfHeader) {
      h[data.csrfHeader] = data.csrfToken;
    }
    return h;
  }

  function tick(seconds, prefix) {
    if (countdown) {
      clearInterval(countdown);
      countdown = null;
    }
    if (typeof seconds !== 'number') {
      time.textContent = '';
      return;
    }
    var end = Date.now() + seconds * 1000;
    function show() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var m = Math.floor(left / 60);
      var s = left % 60;
      time.textContent = prefix + m + ':' + (s < 10 ? '0' : '') + s;
      if (left === 0 && countdown) {
        clearInterval(countdown);
      }
    }
    show();
    countdown = setInterval(show, 1000);
  }

  function show(status) {
    section.hidden = false;
    message.hidden = true;
    statusLine.dataset.state = status.state;
    statusLine.textContent = status.message || '';
    if (status.state === 'waiting' && status.code) {
      code.textContent = status.code;
      codeLine.hidden = false;
    } else {
      codeLine.hidden = true;
    }
    if (status.state === 'waiting') {
      pushButton.disabled = true;
      tick(status.secondsLeft, 'Time left: ');
    } else if (status.state === 'locked_out' && typeof status.secondsLeft === 'number') {
      pushButton.disabled = false;
      tick(status.secondsLeft, 'Locked out for ');
    } else {
      pushButton.disabled = false;
      tick(null, '');
    }
  }

  function follow(after) {
    fetch(data.statusUrl + '?after=' + after, { headers: headers(false), credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.state === 'none') {
          return;
        }
        show(status);
        if (status.state === 'waiting') {
          follow(status.version);
        } else if (status.state === 'approved') {
          finish();
        }
      })
      .catch(function () { setTimeout(function () { follow(after); }, 2000); });
  }

  function finish() {
    fetch(data.finishUrl, { method: 'POST', headers: headers(true), credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (answer) { window.location.assign(answer.redirect); })
      .catch(function () { finishForm.hidden = false; });
  }

  pushForm.addEventListener('submit', function (event) {
    event.preventDefault();
    pushButton.disabled = true;
    fetch(data.pushUrl, { method: 'POST', headers: headers(true), credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        show(status);
        if (status.state === 'waiting') {
          follow(status.version);
        } else if (status.state === 'approved') {
          finish();
        }
      })
      .catch(function () { pushForm.submit(); });
  });

  if (data.pushStatus) {
    var status = JSON.parse(data.pushStatus);
    show(status);
    if (status.state === 'waiting') {
      follow(status.version);
    } else if (status.state === 'approved') {
      finish();
    }
  }
}());
