#pragma once
// The emails that tell a buyer their order changed (store/order_notices.h decides when), rendered
// from templates/emails/order_*.tpl in the shared email layout. Used by every program that changes
// orders: emails → store, core (nothing here knows of requests).
#include "core/config.h"
#include "store/order_notices.h"

namespace bf::emails {

// The composer for store::install_order_notices. Tracking links follow `tracking_url`, where
// {number} and {carrier} stand for the URL-encoded tracking number and carrier.
store::OrderNoticeComposer order_notice_composer(const Config& config);

// Installs it: call once at start, before threads.
void install_order_notices(const Config& config);

}  // namespace bf::emails
