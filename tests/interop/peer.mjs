// A real, independent devp2p peer for the interop tests: @ethereumjs/devp2p's RLPx on 127.0.0.1
// with its own random key, announcing eth/68. It reports what happens as JSON lines on stdout:
//   {"event":"ready","id":"<64-byte hex>","port":N}
//   {"event":"peer:added","hello":{protocolVersion,clientId,caps:["eth/68",...],port,id}}
//   {"event":"peer:removed","reason":N,"reasonName":"...","id":"..."}
//   {"event":"error","message":"..."}
// Usage: node peer.mjs listen
//        node peer.mjs dial <host> <port> <remote id hex>
// It exits when stdin closes (the test process went away) or on SIGTERM.
import { randomBytes } from 'node:crypto'
import { Common, Mainnet } from '@ethereumjs/common'
import { ETH, RLPx, DisconnectReasonNames } from '@ethereumjs/devp2p'

const hex = (bytes) => Buffer.from(bytes).toString('hex')
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

// 32 random bytes are a valid secp256k1 key except with probability ~2^-128.
const privateKey = randomBytes(32)

const rlpx = new RLPx(privateKey, {
  dpt: null,
  maxPeers: 10,
  capabilities: [ETH.eth68],
  common: new Common({ chain: Mainnet }),
  listenPort: null,
})

rlpx.events.on('peer:added', (peer) => {
  const hello = peer.getHelloMessage()
  emit({
    event: 'peer:added',
    hello: {
      protocolVersion: hello.protocolVersion,
      clientId: hello.clientId,
      caps: hello.capabilities.map((c) => `${c.name}/${c.version}`),
      port: hello.port,
      id: hex(hello.id),
    },
  })
})
rlpx.events.on('peer:removed', (peer, reason, disconnectWe) =>
  emit({ event: 'peer:removed', reason, reasonName: DisconnectReasonNames[reason], byUs: !!disconnectWe, id: peer.getId() ? hex(peer.getId()) : null }))
rlpx.events.on('peer:error', (peer, err) => emit({ event: 'error', message: String(err?.message ?? err) }))
rlpx.events.on('error', (err) => emit({ event: 'error', message: String(err?.message ?? err) }))

rlpx.events.once('listening', () => {
  emit({ event: 'ready', id: hex(rlpx.id), port: rlpx._server.address().port })
  const [mode, host, port, id] = process.argv.slice(2)
  if (mode === 'dial') {
    rlpx.connect({ id: Buffer.from(id, 'hex'), address: host, tcpPort: Number(port) })
      .catch((err) => emit({ event: 'error', message: 'dial: ' + String(err?.message ?? err) }))
  }
})
rlpx.listen(0, '127.0.0.1')

const quit = () => { try { rlpx.destroy() } catch {} process.exit(0) }
process.stdin.on('end', quit)
process.stdin.on('close', quit)
process.stdin.resume()
process.on('SIGTERM', quit)
