{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Outbox</h1>
  {{>ADMIN_NAV}}
  <p class="muted small">Emails are written here in the transaction of the event that causes them; the mailer sends them, retries failures with backoff and gives up after its last attempt.</p>
  <ul class="stat-grid outbox-tabs">
    {{#TAB}}<li class="stat stat--{{STATE_CLASS}}{{#CURRENT}} stat--current{{/CURRENT}}"><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}><span class="stat-value">{{COUNT}}</span><span class="stat-label">{{LABEL}}</span></a></li>
    {{/TAB}}
  </ul>
  <h2 id="queues">Queues</h2>
  <div class="table-scroll" tabindex="0">
  <table class="data-table outbox-queues" aria-labelledby="queues">
    <thead><tr><th scope="col">Class</th><th scope="col" class="num">Waiting</th><th scope="col">Oldest has waited</th></tr></thead>
    <tbody>
      {{#QUEUE}}<tr data-class="{{CLASS}}"><th scope="row">{{CLASS}}<br><span class="small muted">{{WHAT}}</span></th><td class="num" data-figure="length">{{LENGTH}}</td><td data-figure="oldest">{{OLDEST}}</td></tr>
      {{/QUEUE}}
    </tbody>
  </table>
  </div>
  {{#CAN_REQUEUE_DEAD}}
  <form action="/admin/outbox/requeue-dead" method="post" class="toolbar">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button button--small">Put all {{DEAD_COUNT}} dead messages back in line</button>
  </form>
  {{/CAN_REQUEUE_DEAD}}
  <h2>Messages: {{SHOWN}}</h2>
  {{#EMPTY}}<p class="empty">None.</p>{{/EMPTY}}
  {{#HAS_MESSAGES}}
  <div class="table-scroll" tabindex="0">
  <table class="data-table outbox-messages">
    <thead><tr><th scope="col">#</th><th scope="col">Written</th><th scope="col">Message</th><th scope="col" class="num">Tries</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
    <tbody>
      {{#MESSAGE}}<tr id="message-{{ID}}">
        <td class="num">{{ID}}</td>
        <td class="nowrap">{{CREATED}}</td>
        <td><span class="badge">{{KIND}}</span> {{SUBJECT}}<br><span class="small muted">to {{RECIPIENT}}</span></td>
        <td class="num">{{ATTEMPTS}}</td>
        <td>{{#HAS_ERROR}}<code>{{ERROR}}</code>{{/HAS_ERROR}}{{#WAITING}}<br><span class="small muted">next try {{NEXT}}</span>{{/WAITING}}</td>
        <td>{{#CAN_REQUEUE}}<form action="/admin/outbox/{{ID}}/requeue" method="post" class="inline-form">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="show" value="{{SHOWN}}">
          <button type="submit" class="button button--small button--quiet">{{#DEAD}}Requeue{{/DEAD}}{{#WAITING}}Retry now{{/WAITING}}</button>
        </form>{{/CAN_REQUEUE}}</td>
      </tr>
      {{/MESSAGE}}
    </tbody>
  </table>
  </div>
  {{/HAS_MESSAGES}}
  {{#HAS_MORE}}<p class="pager"><a class="button button--quiet" href="{{NEXT_URL}}">Older messages</a></p>{{/HAS_MORE}}
</div>
