/* Timely filing (issue 13): a line received more than the plan's
 * timely_filing_days after its date of service is denied CO-29. Pure. */
#include "edits/timely.h"

bool adj_timely_late(AdjDate received, AdjDate dos, int limit_days)
{
    if (limit_days <= 0 || !adj_date_valid(received) || !adj_date_valid(dos))
        return false;
    return adj_date_to_days(received) - adj_date_to_days(dos) > (int64_t)limit_days;
}
