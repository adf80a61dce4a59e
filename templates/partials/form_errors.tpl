{{%AUTOESCAPE context="HTML"}}<div class="form-errors" role="alert">
  <p>{{MESSAGE}}</p>
</div>
