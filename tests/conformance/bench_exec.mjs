// The official SDK's half of bench_sprites_exec: latency of `true` and stdout throughput through
// a non-TTY exec, against the emulator whose URL and token the benchmark passes. Prints one JSON
// line: {"p50_ms","p99_ms","mbps","bytes"}.
//
//   SPRITES_API_URL=… SPRITES_TOKEN=… node bench_exec.mjs SPRITE RUNS BYTES
import { SpritesClient } from '@fly/sprites';

const [spriteName, runsText, bytesText] = process.argv.slice(2);
const runs = Number(runsText ?? 200);
const bytes = Number(bytesText ?? 268435456);
const client = new SpritesClient(process.env.SPRITES_TOKEN, { baseURL: process.env.SPRITES_API_URL });
const sprite = client.sprite(spriteName);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

for (let i = 0; i < 5; i += 1) await sprite.execFile('true'); // warm-up
const latencies = [];
for (let i = 0; i < runs; i += 1) {
  const start = process.hrtime.bigint();
  await sprite.execFile('true');
  latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
}
latencies.sort((a, b) => a - b);

const start = process.hrtime.bigint();
const command = sprite.spawn('head', ['-c', String(bytes), '/dev/zero']);
let received = 0;
command.stdout.on('data', (chunk) => { received += chunk.length; });
const code = await command.wait();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (code !== 0 || received !== bytes) {
  console.error(`bench_exec: exit ${code}, ${received} of ${bytes} bytes`);
  process.exit(1);
}
console.log(JSON.stringify({
  p50_ms: percentile(latencies, 50), p99_ms: percentile(latencies, 99),
  mbps: bytes / 1e6 / seconds, bytes,
}));
