// Starts the built server (bin/baton, the packaged jar) as a child process on a free port with a fresh database.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, openSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function postgresDatabase() {
  const name = `baton_ui_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc', `CREATE DATABASE ${name}`], { stdio: 'pipe' })
  return {
    url: `postgresql+asyncpg://postgres@127.0.0.1:5432/${name}`,
    drop: () => {
      try {
        execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' })
      } catch {
        // best effort: a leftover test database does no harm
      }
    },
  }
}

export async function startServer({ root, db = 'sqlite', env = {}, logDir }) {
  const home = mkdtempSync(join(tmpdir(), 'baton-ui-'))
  const port = await freePort()
  const pg = db === 'postgresql' ? postgresDatabase() : null
  const logFile = join(logDir, `server-${db}-${port}.log`)
  const out = openSync(logFile, 'w')
  const child = spawn(join(root, 'bin', 'baton'), ['server', 'start', '--port', String(port)], {
    env: {
      ...process.env,
      BATON_HOME: home,
      // Set options skip the start-up cache training of bin/baton: the suite wants a quick start.
      BATON_JAVA_OPTS: '-XX:+UseSerialGC -Xms32m -Xmx192m --enable-native-access=ALL-UNNAMED',
      PREFECT_SERVER_API_HOST: '127.0.0.1',
      ...(pg ? { PREFECT_SERVER_DATABASE_CONNECTION_URL: pg.url } : {}),
      ...env,
    },
    stdio: ['ignore', out, out],
    detached: false,
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 300_000
  let up = false
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) {
        up = true
        break
      }
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await Promise.race([
        new Promise(resolve => child.once('exit', resolve)),
        new Promise(resolve => setTimeout(resolve, 15_000)),
      ])
      if (child.exitCode === null) {
        child.kill('SIGKILL')
      }
    }
    pg?.drop()
    rmSync(home, { recursive: true, force: true })
  }
  if (!up) {
    await stop()
    throw new Error(`server did not start on ${url} (log: ${logFile})`)
  }
  return { url, api: `${url}/api`, stop, logFile }
}
