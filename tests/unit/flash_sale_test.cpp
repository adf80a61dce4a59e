// A flash sale's phase at a given moment: what the sale page shows and what a buy is told.
#include <gtest/gtest.h>

#include "store/flash_sales.h"

using bf::Time;
using bf::store::FlashPhase;
using bf::store::FlashSale;

namespace {

FlashSale sale(const std::string& status, int left, Time start, std::optional<Time> end = std::nullopt) {
    FlashSale s;
    s.status = status;
    s.units_left = left;
    s.start = start;
    s.end = end;
    return s;
}

const Time kStart = Time::from_seconds(1'800'000'000);

}  // namespace

TEST(FlashSalePhase, FollowsTheClockAndTheStock) {
    EXPECT_EQ(sale("active", 5, kStart).phase(kStart.plus_seconds(-1)), FlashPhase::Upcoming);
    EXPECT_EQ(sale("active", 5, kStart).phase(kStart), FlashPhase::Running) << "open from the start itself";
    EXPECT_EQ(sale("active", 0, kStart).phase(kStart), FlashPhase::SoldOut);
    const auto end = kStart.plus_hours(1);
    EXPECT_EQ(sale("active", 5, kStart, end).phase(end.plus_seconds(-1)), FlashPhase::Running);
    EXPECT_EQ(sale("active", 5, kStart, end).phase(end), FlashPhase::Ended) << "closed at the end itself";
}

TEST(FlashSalePhase, StatusWinsOverTheClock) {
    EXPECT_EQ(sale("paused", 5, kStart).phase(kStart.plus_hours(1)), FlashPhase::Paused);
    EXPECT_EQ(sale("paused", 5, kStart, kStart.plus_hours(1)).phase(kStart.plus_hours(2)), FlashPhase::Ended);
    EXPECT_EQ(sale("cancelled", 5, kStart).phase(kStart.plus_seconds(-10)), FlashPhase::Cancelled);
    EXPECT_EQ(sale("ended", 0, kStart).phase(kStart.plus_seconds(-10)), FlashPhase::Ended);
}
