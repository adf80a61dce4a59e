{{%AUTOESCAPE context="HTML"}}<article class="site-page">
  <h1>{{TITLE}}</h1>
  {{#PARAGRAPH}}<p>{{TEXT}}</p>
  {{/PARAGRAPH}}
  <p class="muted small">Last updated {{UPDATED}}.</p>
</article>
