{{%AUTOESCAPE context="HTML"}}<section class="card error-card">
  <p class="error-code">Error {{STATUS}}</p>
  <h1>{{HEADING}}</h1>
  <p>{{MESSAGE}}</p>
  <p class="actions"><a class="button" href="/">Go to the home page</a>{{#SUGGEST_LOGIN}} <a class="button button--quiet" href="/login">Log in</a>{{/SUGGEST_LOGIN}}{{#NEXT_STEP}} <a class="button button--quiet" href="{{URL}}">{{LABEL}}</a>{{/NEXT_STEP}}</p>
</section>
