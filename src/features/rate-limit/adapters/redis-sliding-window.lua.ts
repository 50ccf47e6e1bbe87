/**
 * One consumption against a sliding window log, atomically (a Lua script runs alone).
 *
 * KEYS[1] log: sorted set, score = microsecond timestamp, member = `<seq>:<cost>`
 * KEYS[2] meta: hash { sum = units in the log, seq = last sequence number, last = newest score,
 *   expires = epoch ms when the newest entry leaves its window (what a move carries over) }
 * ARGV: limit, window (µs), cost
 * Returns { allowed (1|0), remaining, reset_at (µs), retry_after (µs) }.
 *
 * Time is the Redis server's clock (TIME), so every app instance shares one clock; it is made
 * strictly increasing per key so entries never tie. Timestamps go through string.format('%d')
 * because Lua's default number formatting keeps only 14 significant digits.
 */
export const SLIDING_WINDOW_SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local last = tonumber(redis.call('HGET', KEYS[2], 'last') or '0')
if now <= last then now = last + 1 end
local floor = string.format('%d', now - window)
local sum = tonumber(redis.call('HGET', KEYS[2], 'sum') or '0')
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', floor)
for _, member in ipairs(expired) do
  sum = sum - tonumber(string.match(member, ':(%d+)$'))
end
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', floor) end
if sum + cost <= limit then
  local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
  local score = string.format('%d', now)
  redis.call('ZADD', KEYS[1], score, seq .. ':' .. cost)
  sum = sum + cost
  local expires = string.format('%d', math.ceil((now + window) / 1000))
  redis.call('HSET', KEYS[2], 'sum', sum, 'last', score, 'expires', expires)
  local ttl = math.floor(window / 1000) + 1000
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
  return {1, limit - sum, now + window, 0}
end
redis.call('HSET', KEYS[2], 'sum', sum)
local need = sum + cost - limit
local freed = 0
local retry_at = last + window
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #entries, 2 do
  freed = freed + tonumber(string.match(entries[i], ':(%d+)$'))
  if freed >= need then
    retry_at = tonumber(entries[i + 1]) + window
    break
  end
end
local remaining = limit - sum
if remaining < 0 then remaining = 0 end
return {0, remaining, last + window, retry_at - now}
`;
