{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Orders</h1>
  {{>ADMIN_NAV}}
  <form class="toolbar" action="/admin/orders" method="get" role="search">
    <label for="order-search">Order number or buyer’s email</label>
    <input id="order-search" class="toolbar__wide" type="search" name="q" value="{{QUERY}}" maxlength="254" placeholder="ORD-20260101-00001 or reader@example.com"{{#HAS_PROBLEM}} aria-invalid="true" aria-describedby="order-search-error"{{/HAS_PROBLEM}}>
    <label for="order-status">Status</label>
    <select id="order-status" name="status">
      <option value="">Any</option>
      {{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
      {{/STATUS_OPTION}}
    </select>
    <button type="submit" class="button button--small">Search</button>
    {{#NOT_FIRST}}<a href="/admin/orders">Newest orders</a>{{/NOT_FIRST}}
  </form>
  {{#HAS_PROBLEM}}<p class="field-error" id="order-search-error" role="alert">{{PROBLEM}}</p>{{/HAS_PROBLEM}}
  {{#EMPTY}}<p class="empty">No orders match.</p>{{/EMPTY}}
  {{#HAS_ORDERS}}
  <div class="table-scroll" tabindex="0">
  <table class="data-table">
    <thead><tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Buyer</th><th scope="col" class="num">Books</th><th scope="col" class="num">Total</th><th scope="col">Status</th></tr></thead>
    <tbody>
      {{#ORDER}}<tr>
        <td><a class="code" href="{{URL}}">{{NUMBER}}</a></td>
        <td class="nowrap">{{PLACED}}</td>
        <td>{{BUYER_NAME}}<br><a class="small" href="{{BUYER_URL}}">{{BUYER_EMAIL}}</a></td>
        <td class="num">{{UNITS}}</td>
        <td class="num">{{TOTAL}}{{#HAS_REFUND}}<br><span class="small muted">{{REFUNDED}} refunded</span>{{/HAS_REFUND}}</td>
        <td><span class="status status--{{STATUS_CLASS}}">{{STATUS}}</span></td>
      </tr>
      {{/ORDER}}
    </tbody>
  </table>
  </div>
  {{/HAS_ORDERS}}
  {{#HAS_MORE}}<p class="pager"><a class="button button--quiet" href="{{NEXT_URL}}">Older orders</a></p>{{/HAS_MORE}}
</div>
