// The @ethereumjs/devp2p side of `devp2p bench --compare ethereumjs`: the same workloads as our
// bench, run entirely inside @ethereumjs/devp2p (both ends in this process, as ours runs both ends
// in one process), on 127.0.0.1. It prints one JSON line and exits:
//   {"event":"result","workload":"handshake","figures":{"handshakesPerSecond":…,"latencyP50Ms":…,"latencyP99Ms":…,"failures":…}}
//   {"event":"result","workload":"throughput","figures":{"messagesPerSecond":…,"megabytesPerSecond":…,"requestsPerSecond":…}}
//   (messages count both ways, a request and its echo, as ours does)
//   {"event":"result","workload":"discovery","figures":{"roundTripsPerSecond":…,"latencyP50Ms":…,"latencyP99Ms":…,"timeouts":…}}
//   {"event":"error","message":"…"}   (exit code 2)
// Usage: node bench.mjs handshake <connections> <concurrency>
//        node bench.mjs throughput <size> <messages>
//        node bench.mjs discovery <pings> <concurrency>
// Handshake: <concurrency> at a time, a fresh dialer (RLPx instance, own key) connects to one
// listener: TCP connect, RLPx handshake, Hello, then Disconnect(requested), sent and not waited for;
// latency is connect() to the dialer's peer:added. Throughput: one session carrying echo/1 (a 2-code capability defined here, as
// ours: code 0 request, code 1 the same payload back), <size>-byte random RLP strings, as ours at
// most 256 requests and 1 MiB in flight (warm-up: 256 messages),
// snappy on (p2p v5) as ethereumjs' own protocols do. Discovery: DPT ping → pong; ethereumjs shares
// one promise for pings to the same endpoint within 1 s, so concurrency comes from that many target
// endpoints (at most 16), each pinged again as soon as its pong came (the shared promise cleared).
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import * as snappy from 'snappyjs'
import { DPT, RLPx, DISCONNECT_REASON } from '@ethereumjs/devp2p'

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const fail = (message) => { emit({ event: 'error', message }); process.exit(2) }
const [workload, a, b] = process.argv.slice(2)
const n1 = Number(a)
const n2 = Number(b)
if (!Number.isInteger(n1) || n1 < 1 || !Number.isInteger(n2) || n2 < 1) fail('usage: node bench.mjs handshake|throughput|discovery <n> <m>')

const percentile = (samples, p) => {
  if (samples.length === 0) return null
  const sorted = [...samples].sort((x, y) => x - y)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

// echo/1 as ours defines it. Payloads arrive decompressed; ethereumjs' Peer leaves compression of
// sub-protocol messages to the protocol (as its ETH does), so this one compresses when p2p ≥ v5.
class Echo {
  constructor (version, peer, send) {
    this._peer = peer
    this._send = send
    this.onReply = null
  }

  send (code, payload) {
    const hello = this._peer._hello
    this._send(code, hello !== null && hello.protocolVersion >= 5 ? snappy.compress(payload) : payload)
  }

  _handleMessage (code, payload) {
    if (code === 0) this.send(1, payload)
    else if (code === 1) this.onReply?.()
  }
}
const ECHO = { name: 'echo', version: 1, length: 2, constructor: Echo }

const newRlpx = (options = {}) => new RLPx(randomBytes(32), { dpt: null, maxPeers: 100000, capabilities: [ECHO], ...options })

const listening = (rlpx) => new Promise((resolve) => {
  rlpx.events.once('listening', () => resolve(rlpx._server.address().port))
  rlpx.listen(0, '127.0.0.1')
})

const once = (emitter, name, timeoutMs) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => { emitter.off(name, on); reject(new Error(`no ${name} within ${timeoutMs} ms`)) }, timeoutMs)
  const on = (...args) => { clearTimeout(timer); resolve(args) }
  emitter.once(name, on)
})

// An RLP string of exactly `size` bytes with random content (as ours: incompressible).
const rlpString = (size) => {
  let header = 1
  if (size - 1 > 55) {
    header = 0
    for (let lengthBytes = 1; lengthBytes <= 4 && header === 0; lengthBytes++) {
      const content = size - 1 - lengthBytes
      if (content > 55 && content < 2 ** (8 * lengthBytes)) header = 1 + lengthBytes
    }
    if (header === 0) fail(`no RLP string is exactly ${size} bytes`)
  }
  const out = randomBytes(size)
  const content = size - header
  if (header === 1) out[0] = 0x80 + content
  else {
    out[0] = 0xb7 + header - 1
    for (let i = 0; i < header - 1; i++) out[header - 1 - i] = (content >> (8 * i)) & 0xff
  }
  return out
}

async function handshake (connections, concurrency) {
  const listener = newRlpx()
  const port = await listening(listener)
  const target = { id: listener.id, address: '127.0.0.1', tcpPort: port }
  const latencies = []
  let next = 0
  let failures = 0
  const dialers = []
  const dialer = async () => {
    while (next++ < connections) {
      // A fresh dialer (and key) per connection, as ours; its Disconnect is sent, not waited for.
      const rlpx = newRlpx()
      dialers.push(rlpx)
      const started = performance.now()
      try {
        const added = once(rlpx.events, 'peer:added', 10000)
        await rlpx.connect(target)
        const [peer] = await added
        latencies.push(performance.now() - started)
        peer.disconnect(DISCONNECT_REASON.DISCONNECT_REQUESTED)
      } catch {
        failures++
      }
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, dialer))
  const seconds = (performance.now() - started) / 1000
  for (const rlpx of dialers) { try { rlpx.destroy() } catch {} }
  listener.destroy()
  return { handshakesPerSecond: latencies.length / seconds, latencyP50Ms: percentile(latencies, 50), latencyP99Ms: percentile(latencies, 99), failures }
}

async function throughput (size, messages) {
  const listener = newRlpx()
  const port = await listening(listener)
  const dialer = newRlpx()
  const added = once(dialer.events, 'peer:added', 10000)
  await dialer.connect({ id: listener.id, address: '127.0.0.1', tcpPort: port })
  const [peer] = await added
  const echo = peer.getProtocols().find((p) => p instanceof Echo)
  if (!echo) fail('echo/1 was not matched')
  const payload = rlpString(size)
  const window = Math.max(1, Math.min(256, Math.floor((1 << 20) / size)))
  const run = (count) => new Promise((resolve) => {
    let sent = 0
    let received = 0
    echo.onReply = () => {
      if (++received === count) resolve()
      else if (sent < count) { sent++; echo.send(0, payload) }
    }
    for (; sent < Math.min(window, count); sent++) echo.send(0, payload)
  })
  await run(Math.min(messages, 256)) // warm-up, as ours
  const started = performance.now()
  await run(messages)
  const seconds = (performance.now() - started) / 1000
  dialer.destroy()
  listener.destroy()
  return { messagesPerSecond: 2 * messages / seconds, megabytesPerSecond: (2 * messages * size) / seconds / 1e6, requestsPerSecond: messages / seconds }
}

async function discovery (pings, concurrency) {
  const start = async () => {
    const endpoint = { address: '127.0.0.1', udpPort: null, tcpPort: null }
    const dpt = new DPT(randomBytes(32), { endpoint, refreshInterval: 3600000, timeout: 2000 })
    dpt.events.on('error', () => {})
    const port = await new Promise((resolve) => {
      dpt.events.once('listening', () => resolve(dpt._server._socket.address().port))
      dpt.bind(0, '127.0.0.1')
    })
    endpoint.udpPort = port
    endpoint.tcpPort = port
    return { dpt, port }
  }
  const from = await start()
  const targets = []
  for (let i = 0; i < Math.min(concurrency, 16); i++) targets.push(await start())
  const latencies = []
  let next = 0
  let timeouts = 0
  const pinger = async (target) => {
    const peer = { address: '127.0.0.1', udpPort: target.port, tcpPort: target.port }
    while (next++ < pings) {
      const started = performance.now()
      try {
        await from.dpt._server.ping(peer)
        latencies.push(performance.now() - started)
      } catch {
        timeouts++
      }
      from.dpt._server._requestsCache.delete(`${peer.address}:${peer.udpPort}`)
    }
  }
  const started = performance.now()
  await Promise.all(targets.map(pinger))
  const seconds = (performance.now() - started) / 1000
  for (const n of [from, ...targets]) n.dpt.destroy()
  return { roundTripsPerSecond: latencies.length / seconds, latencyP50Ms: percentile(latencies, 50), latencyP99Ms: percentile(latencies, 99), timeouts, endpoints: targets.length }
}

const workloads = { handshake, throughput, discovery }
if (!workloads[workload]) fail(`unknown workload ${workload} (handshake, throughput, discovery)`)
try {
  const figures = await workloads[workload](n1, n2)
  emit({ event: 'result', workload, figures })
  process.exit(0)
} catch (err) {
  fail(String(err?.message ?? err))
}
