{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Check your email</h1>
  <p class="lead">Open the link in the message we just sent to finish creating your account. It works once, for 48 hours.</p>
  <p>No message after a few minutes? Look in your spam folder. If you already have an account with this address, the message says so: <a href="/login">log in</a>, or <a href="/password/forgot">choose a new password</a> if you have forgotten it.</p>
</section>
