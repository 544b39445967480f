// A real, independent devp2p peer for the interop tests: @ethereumjs/devp2p's RLPx on 127.0.0.1
// with its own random key, announcing eth/68. It reports what happens as JSON lines on stdout:
//   {"event":"ready","id":"<64-byte hex>","port":N}
//   {"event":"peer:added","hello":{protocolVersion,clientId,caps:["eth/68",...],port,id}}
//   {"event":"peer:removed","reason":N,"reasonName":"...","id":"..."}
//   {"event":"error","message":"..."}
// With --eth <chain> it also runs the eth/68 Status handshake on every peer that shares eth:
//   {"event":"eth:sent","id":"...","status":{version,networkId,td,bestHash,genesisHash,forkId:{hash,next}}}
//   {"event":"eth:status","id":"...","accepted":true|false,"error":"..."|null,"status":{...}|null}
// "eth:status" reports the Status the remote sent (null if it could not be decoded) and whether
// ethereumjs accepted it; a rejected one is followed by peer:removed (reason 16, subprotocol error).
// Numbers that may not fit a double (td) are decimal strings; hashes are 0x-hex.
// Usage: node peer.mjs listen [options]
//        node peer.mjs dial <host> <port> <remote id hex> [options]
// Options: --eth mainnet|sepolia   send Status for that chain: its genesis hash, network id = chain id,
//                                  fork id computed by @ethereumjs/common at the chosen hardfork
//          --hardfork <name>       the hardfork the peer is at (default: @ethereumjs/common's, prague)
//          --td <decimal>          total difficulty in the Status (default 0, as geth sends since the merge)
//          --best <hex>            head block hash in the Status (default: the genesis hash)
// Without --eth the peer announces eth/68 (mainnet) and never sends Status, as before.
// It exits when stdin closes (the test process went away) or on SIGTERM.
import { randomBytes } from 'node:crypto'
import { Common, Mainnet, Sepolia } from '@ethereumjs/common'
import { ETH, RLPx, DisconnectReasonNames } from '@ethereumjs/devp2p'

const hex = (bytes) => Buffer.from(bytes).toString('hex')
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const fail = (message) => { emit({ event: 'error', message }); process.exit(2) }

// Flags (--name value) may come anywhere; the rest are the positional arguments.
const positional = []
const flags = {}
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i]
  if (arg.startsWith('--')) {
    if (i + 1 >= process.argv.length) fail(`option ${arg} needs a value`)
    flags[arg.slice(2)] = process.argv[++i]
  } else {
    positional.push(arg)
  }
}

// Genesis block hashes: @ethereumjs/common's chain definitions carry the genesis header fields, not its hash.
const CHAINS = {
  mainnet: { chain: Mainnet, genesisHash: 'd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3' },
  sepolia: { chain: Sepolia, genesisHash: '25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9' },
}
const ethChain = flags.eth === undefined ? null : CHAINS[flags.eth]
if (flags.eth !== undefined && !ethChain) fail(`--eth must be one of ${Object.keys(CHAINS).join(', ')}`)
const common = new Common({ chain: ethChain?.chain ?? Mainnet, ...(flags.hardfork ? { hardfork: flags.hardfork } : {}) })
const td = BigInt(flags.td ?? '0')

// 32 random bytes are a valid secp256k1 key except with probability ~2^-128.
const privateKey = randomBytes(32)

const rlpx = new RLPx(privateKey, {
  dpt: null,
  maxPeers: 10,
  capabilities: [ETH.eth68],
  common,
  listenPort: null,
})

// Minimal integers: RLP for 0 is the empty string, never 0x00.
const bigToBytes = (n) => (n === 0n ? new Uint8Array() : Buffer.from(n.toString(16).padStart(Math.ceil(n.toString(16).length / 2) * 2, '0'), 'hex'))
const bytesToBig = (b) => (b.length === 0 ? 0n : BigInt('0x' + hex(b)))
const describeStatus = (s) => ({
  version: Number(bytesToBig(s[0])),
  networkId: Number(bytesToBig(s[1])),
  td: bytesToBig(s[2]).toString(),
  bestHash: '0x' + hex(s[3]),
  genesisHash: '0x' + hex(s[4]),
  forkId: Array.isArray(s[5]) ? { hash: '0x' + hex(s[5][0]), next: Number(bytesToBig(s[5][1])) } : null,
})

// Runs the Status handshake on one peer: reports the remote's Status (and ethereumjs' verdict), sends ours.
function runEthStatus(peer) {
  const eth = peer.getProtocols().find((p) => p instanceof ETH)
  if (!eth) return
  const id = hex(peer.getId())
  const handle = eth._handleMessage.bind(eth)
  let reported = false
  eth._handleMessage = (code, data) => {
    if (code !== 0 || reported) return handle(code, data)
    reported = true
    const report = (accepted, error) => {
      let status = null
      try { status = eth._peerStatus ? describeStatus(eth._peerStatus) : null } catch { /* malformed fields */ }
      emit({ event: 'eth:status', id, accepted, error, status })
    }
    try {
      handle(code, data)
    } catch (err) {
      report(false, String(err?.message ?? err))
      throw err // ethereumjs then disconnects with subprotocol error
    }
    report(true, null)
  }
  const bestHash = Buffer.from(flags.best ?? ethChain.genesisHash, 'hex')
  eth.sendStatus({ td: bigToBytes(td), bestHash, genesisHash: Buffer.from(ethChain.genesisHash, 'hex') })
  emit({
    event: 'eth:sent',
    id,
    status: {
      version: eth.getVersion(),
      networkId: Number(common.chainId()),
      td: td.toString(),
      bestHash: '0x' + hex(bestHash),
      genesisHash: '0x' + ethChain.genesisHash,
      forkId: { hash: eth._forkHash, next: Number(eth._nextForkBlock) },
    },
  })
}

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
  if (ethChain) runEthStatus(peer)
})
rlpx.events.on('peer:removed', (peer, reason, disconnectWe) =>
  emit({ event: 'peer:removed', reason, reasonName: DisconnectReasonNames[reason], byUs: !!disconnectWe, id: peer.getId() ? hex(peer.getId()) : null }))
rlpx.events.on('peer:error', (peer, err) => emit({ event: 'error', message: String(err?.message ?? err) }))
rlpx.events.on('error', (err) => emit({ event: 'error', message: String(err?.message ?? err) }))

rlpx.events.once('listening', () => {
  emit({ event: 'ready', id: hex(rlpx.id), port: rlpx._server.address().port })
  const [mode, host, port, id] = positional
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
