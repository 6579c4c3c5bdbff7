/**
 * Child process of `hub.fanout_5000`: opens WebSocket clients to a hub, subscribes each to one
 * strategy and reports, per published event, when every client received it (absolute ms, taken at
 * the client). Started by bench/hub.bench.ts with `fork`; speaks to it over IPC.
 */
import WebSocket from 'ws';

interface Start {
  type: 'start';
  url: string;
  strategyId: string;
  clients: number;
}

const now = (): number => performance.timeOrigin + performance.now();
const send = (message: unknown): void => void process.send!(message);

async function open(url: string, strategyId: string, index: number, received: Float64Array[], onPush: (client: number, k: number) => void): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  let pushes = 0;
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'strategies.subscribe', params: { strategyIds: [strategyId] } }));
      ws.once('message', (data) => {
        if (!String(data).includes('"subscribed":1')) reject(new Error(`subscribe failed: ${String(data)}`));
        // From here on every frame is a strategy.event push: the k-th is the k-th event published.
        ws.on('message', () => {
          const t = now();
          const k = pushes++;
          received[k]![index] = t;
          onPush(index, k);
        });
        resolve();
      });
    });
  });
  return ws;
}

process.on('message', (raw: unknown) => {
  const start = raw as Start;
  if (start.type !== 'start') return;
  void (async () => {
    const events = 64;
    const received = Array.from({ length: events }, () => new Float64Array(start.clients));
    const counts = new Int32Array(events);
    const sockets: WebSocket[] = [];
    const onPush = (_client: number, k: number): void => {
      if (++counts[k]! === start.clients) send({ type: 'delivered', k, times: [...received[k]!] });
    };
    for (let i = 0; i < start.clients; i += 100) {
      const batch = Array.from({ length: Math.min(100, start.clients - i) }, (_, j) => open(start.url, start.strategyId, i + j, received, onPush));
      sockets.push(...(await Promise.all(batch)));
    }
    send({ type: 'ready' });
    process.on('message', (m: unknown) => {
      if ((m as { type: string }).type !== 'stop') return;
      for (const ws of sockets) ws.terminate();
      process.exit(0);
    });
  })().catch((error: unknown) => {
    send({ type: 'error', message: String(error) });
    process.exit(1);
  });
});
