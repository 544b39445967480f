// An independent discv4 network for the interop tests: @ethereumjs/devp2p's DPT (discovery) on
// 127.0.0.1 with random keys. Started as `node dpt.mjs N`, it runs N DPT nodes in this process;
// nodes 1..N-1 bootstrap from node 0. It prints JSON lines on stdout:
//   {"event":"ready","nodes":[{"id":"<64-byte hex>","port":N}, ...]}
//   {"event":"pong","node":i,"id":"<hex>"}                 answer to a "ping" command
//   {"event":"ping:error","node":i,"message":"..."}
//   {"event":"neighbours","node":i,"peers":[{"id","address","udpPort","tcpPort"}, ...]}
//   {"event":"peers","node":i,"peers":[{"id","address","udpPort"}, ...]}   answer to "peers"
//   {"event":"error","node":i,"message":"..."}
// and reads JSON-line commands on stdin:
//   {"cmd":"ping","node":i,"address":"127.0.0.1","port":N}
//   {"cmd":"findneighbours","node":i,"address":"127.0.0.1","port":N,"target":"<64-byte hex>"}
//   {"cmd":"bootstrap","node":i,"address":"127.0.0.1","port":N}
//   {"cmd":"peers","node":i}
// It exits when stdin closes (the test process went away) or on SIGTERM.
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import { DPT, decode } from '@ethereumjs/devp2p'

const hex = (bytes) => Buffer.from(bytes).toString('hex')
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const count = Math.max(1, Number(process.argv[2] ?? '1'))

const listen = (dpt) => new Promise((resolve) => {
  dpt.events.once('listening', () => resolve(dpt._server._socket.address().port))
  dpt.bind(0, '127.0.0.1')
})

const nodes = []
for (let i = 0; i < count; i++) {
  // DPT pings the From endpoint of an unknown pinger; it must be a real address, so the port is
  // patched in once bound.
  const endpoint = { address: '127.0.0.1', udpPort: null, tcpPort: null }
  const dpt = new DPT(randomBytes(32), { endpoint, refreshInterval: 3000, timeout: 2000 })
  dpt.events.on('error', (err) => emit({ event: 'error', node: i, message: String(err?.message ?? err) }))
  // DPT's own 'peers' event drops the ids of a Neighbours packet; read the packet here first.
  const handler = dpt._server._handler.bind(dpt._server)
  dpt._server._handler = (msg, rinfo) => {
    try {
      const info = decode(msg)
      if (info.typename === 'neighbours') {
        emit({
          event: 'neighbours',
          node: i,
          peers: info.data.peers.map((p) => ({
            id: hex(p.id), address: p.endpoint.address, udpPort: p.endpoint.udpPort, tcpPort: p.endpoint.tcpPort,
          })),
        })
      }
    } catch {}
    handler(msg, rinfo)
  }
  const port = await listen(dpt)
  endpoint.udpPort = port
  endpoint.tcpPort = port
  nodes.push({ dpt, port })
}
for (let i = 1; i < count; i++) {
  await nodes[i].dpt.bootstrap({ address: '127.0.0.1', udpPort: nodes[0].port, tcpPort: nodes[0].port })
}
emit({ event: 'ready', nodes: nodes.map((n) => ({ id: hex(n.dpt.id), port: n.port })) })

const run = async (cmd) => {
  const i = cmd.node ?? 0
  const dpt = nodes[i].dpt
  const peer = { address: cmd.address, udpPort: cmd.port, tcpPort: cmd.port }
  switch (cmd.cmd) {
    case 'ping':
      try {
        const answered = await dpt._server.ping(peer)
        emit({ event: 'pong', node: i, id: hex(answered.id) })
      } catch (err) {
        emit({ event: 'ping:error', node: i, message: String(err?.message ?? err) })
      }
      break
    case 'findneighbours':
      dpt._server.findneighbours(peer, Buffer.from(cmd.target, 'hex'))
      break
    case 'bootstrap':
      await dpt.bootstrap(peer)
      break
    case 'peers':
      emit({ event: 'peers', node: i, peers: dpt.getPeers().map((p) => ({ id: hex(p.id), address: p.address, udpPort: p.udpPort })) })
      break
    default:
      emit({ event: 'error', node: i, message: `unknown command ${cmd.cmd}` })
  }
}

const quit = () => { for (const n of nodes) { try { n.dpt.destroy() } catch {} } process.exit(0) }
const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  if (line.trim() === '') return
  try {
    run(JSON.parse(line)).catch((err) => emit({ event: 'error', message: String(err?.message ?? err) }))
  } catch (err) {
    emit({ event: 'error', message: 'bad command: ' + String(err?.message ?? err) })
  }
})
lines.on('close', quit)
process.on('SIGTERM', quit)
