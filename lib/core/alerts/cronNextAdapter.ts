/**
 * robfig/cron v3's `Next` for the gap computation, as a function of epoch milliseconds.
 */

import type { ParsedCron } from '../rules/cron';
import { nextCronFireTime } from '../rules/cronNext';

/** The next fire time strictly after `after` (epoch milliseconds), or `undefined` when none. */
export type NextFireTime = (after: number) => number | undefined;

/** robfig/cron's `Next` for one parsed schedule (UTC as the server's zone, as in Velero's image). */
export function nextFireTimeFunction(cron: ParsedCron): NextFireTime {
  return (after) => nextCronFireTime(cron, new Date(after))?.getTime();
}
