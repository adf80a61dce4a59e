{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Coupons</h1>
  {{>ADMIN_NAV}}
  <p class="toolbar"><a class="button button--small" href="/admin/coupons/new">New coupon</a></p>
  {{#EMPTY}}<p class="empty">No coupons yet.</p>{{/EMPTY}}
  {{#NO_MORE}}<p class="empty">No older coupons. <a href="/admin/coupons">Back to the newest</a></p>{{/NO_MORE}}
  {{#HAS_COUPONS}}
  <div class="table-scroll" tabindex="0">
  <table class="data-table">
    <thead><tr><th scope="col">Code</th><th scope="col">Discount</th><th scope="col">Minimum</th><th scope="col">Applies to</th><th scope="col" class="num">Used</th><th scope="col">Per customer</th><th scope="col">Valid</th><th scope="col">Status</th></tr></thead>
    <tbody>
      {{#COUPON}}<tr{{#INACTIVE}} class="is-inactive"{{/INACTIVE}}>
        <td><a class="code" href="/admin/coupons/{{ID}}">{{CODE}}</a></td>
        <td>{{DISCOUNT}}</td>
        <td class="nowrap">{{MIN_ORDER}}</td>
        <td>{{SCOPE}}</td>
        <td class="num nowrap">{{USED}}</td>
        <td>{{PER_CUSTOMER}}</td>
        <td class="small">{{WINDOW}}</td>
        <td class="nowrap">
          <span class="badge badge--{{STATE_CLASS}}">{{STATE}}</span>
          <form action="/admin/coupons/{{ID}}/active" method="post" class="inline-form">
            <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
            {{#ACTIVE}}<input type="hidden" name="active" value="0"><button type="submit" class="link-button">Deactivate</button>{{/ACTIVE}}
            {{#INACTIVE}}<input type="hidden" name="active" value="1"><button type="submit" class="link-button">Activate</button>{{/INACTIVE}}
          </form>
        </td>
      </tr>
      {{/COUPON}}
    </tbody>
  </table>
  </div>
  {{/HAS_COUPONS}}
  {{#HAS_MORE}}<p class="pager"><a class="button button--quiet" href="/admin/coupons?before={{NEXT_BEFORE}}">Older coupons</a></p>{{/HAS_MORE}}
</div>
