// Operator counters of alerting (`GET /api/v1/alerts/stats`): alerts by display
// state and notifications by delivery outcome. Nothing is counted on the side —
// both are folded from what the alert logs and the delivery outbox already
// hold, so there is no shared counter key to race on (Spin key-value has no
// transactions) and the numbers always agree with the list endpoints.
import type { DeliveryView } from './delivery.ts';
import type { AlertView } from './views.ts';

/** What `GET /api/v1/alerts/stats` answers. */
export interface AlertingStats {
  /** Open alerts by what an operator sees (acknowledged and silenced ones are open too), plus resolved ones. */
  alerts: { pending: number; firing: number; resolved: number; acknowledged: number; silenced: number };
  /**
   * delivered / deadLettered / queued count notifications by their current status (queued =
   * waiting for an attempt or in flight); failed counts attempts that finished without a 2xx
   * (or whose lease ran out with no result), so retries that later succeeded still show.
   */
  deliveries: { delivered: number; failed: number; deadLettered: number; queued: number };
}

/** Fold alert views and the full delivery log into the stats. */
export function alertingStats(alerts: readonly AlertView[], deliveries: readonly DeliveryView[]): AlertingStats {
  const stats: AlertingStats = {
    alerts: { pending: 0, firing: 0, resolved: 0, acknowledged: 0, silenced: 0 },
    deliveries: { delivered: 0, failed: 0, deadLettered: 0, queued: 0 },
  };
  for (const alert of alerts) {
    if (alert.state !== 'inactive') stats.alerts[alert.state] += 1;
  }
  for (const delivery of deliveries) {
    if (delivery.status === 'delivered') stats.deliveries.delivered += 1;
    else if (delivery.status === 'dead') stats.deliveries.deadLettered += 1;
    else stats.deliveries.queued += 1;
    for (const attempt of delivery.attempts) {
      if (!attempt.ok && (attempt.finishedAt !== null || attempt.error !== undefined)) stats.deliveries.failed += 1;
    }
  }
  return stats;
}
