// How message delivery is retried (decision 033): 1 + retryLimit attempts, exponential backoff
// from retryDelay seconds (30 s, 1 min, 2 min … capped at an hour): about four hours in all before
// a message counts as failed. MESSAGE_RETRY_DELAY_SECONDS shortens it for tests.
const RETRY_LIMIT = 8;

export function deliveryRetryPolicy() {
  const retryDelay = Number(process.env.MESSAGE_RETRY_DELAY_SECONDS ?? 30);
  return { retryLimit: RETRY_LIMIT, retryDelay, retryBackoff: true, retryDelayMax: Math.max(retryDelay, 3600) };
}

export const MAX_DELIVERY_ATTEMPTS = 1 + RETRY_LIMIT;
