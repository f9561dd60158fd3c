#!/usr/bin/env python3
# A registration's latency tail and the GIN pending lists (issue 20, goal 2; bench/RESULTS.md, session 16), side by side
# on copies of one database the registration benchmark left on a server of your own, each copy with the three name
# trigram indexes set differently, in rounds (the order reversed every other round):
#   A) pgbench of bench/registration.sql with 2 clients (few enough that a merge shows in the latency more than the
#      machine's run queue): tps, latency percentiles, PostgreSQL's CPU per transaction (every process of the server);
#   B) an import-like load: 4 INSERT ... SELECT of 5,000 people each on one connection, then the pending lists merged:
#      that backend's CPU per 1,000 people.
# Variants: default (as migrated: 4 MB lists), l<kB> (gin_pending_list_limit), off (fastupdate off).
# bench/gin-pending-lists.py TEMPLATE-DATABASE SECONDS ROUNDS VARIANT... with PGPORT and PGDATA (the server's data
# directory, for its postmaster's pid) set, user and password postgres, e.g.
#   PGPORT=55441 PGDATA=/tmp/ht-pg bench/gin-pending-lists.py beneficiary_registration_bench_f4a98a9ef7 45 2 default l256 l1024 off
import os, subprocess, sys, tempfile, time
PORT=os.environ['PGPORT']; ENV={**os.environ,'PGPASSWORD':'postgres'}
TEMPLATE, SECS, ROUNDS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]); VARIANTS = sys.argv[4:]
TRGM = ['beneficiary_name_trgm','beneficiary_province_name_trgm','beneficiary_name_search_trgm']
pm = int(open(os.path.join(os.environ['PGDATA'], 'postmaster.pid')).readline())
LOGS = tempfile.mkdtemp(prefix='gin-pending-lists-')
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'registration.sql')
def fields(pid):
    s = open(f'/proc/{pid}/stat').read(); return s[s.rfind(')')+2:].split()
def pgms():
    # read again until no backend was reaped during the reading (ProcessTimes.postgresMillis)
    while True:
        f = fields(pm); total = sum(int(f[i]) for i in (11,12,13,14))*10
        for p in os.listdir('/proc'):
            if not p.isdigit(): continue
            try: g = fields(p)
            except OSError: continue
            if int(g[1]) == pm: total += (int(g[11])+int(g[12]))*10
        f2 = fields(pm)
        if f2[13:15] == f[13:15]: return total
def psql(db, *sql):
    return subprocess.run(['psql','-qAt','-h','127.0.0.1','-p',PORT,'-U','postgres',db] + [a for s in sql for a in ('-c', s)], env=ENV, capture_output=True, text=True, check=True).stdout
def setup(v):
    db = 'cpu_' + v
    psql('postgres', f'DROP DATABASE IF EXISTS {db}', f'CREATE DATABASE {db} TEMPLATE {TEMPLATE}')
    for i in TRGM:
        if v == 'off': psql(db, f'ALTER INDEX {i} SET (fastupdate = off)')
        elif v.startswith('l'): psql(db, f'ALTER INDEX {i} SET (gin_pending_list_limit = {v[1:]})')
    psql(db, *[f"SELECT gin_clean_pending_list('{i}')" for i in TRGM])
    return db
IMPORT = """INSERT INTO beneficiary (id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, birth_date, sex, province_code, regency_code,
 clusters, disability_types, partner_ids, status, registered_at, updated_at, version)
SELECT gen_random_uuid(), 'Impor ' || translate(s::text || (random()*1e9)::bigint::text, '0123456789', 'abcdefghij'),
 'impor ' || translate(s::text || (random()*1e9)::bigint::text, '0123456789', 'abcdefghij'),
 md5(random()::text || s) || md5(random()::text), 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'bench',
 date '1940-01-01' + (s % 25000), 'FEMALE', '32', '32.01', '{ELDERLY}', '{}', '{}', 'REGISTERED', now(), now(), 0
FROM generate_series(1, 5000) s"""
dbs = {v: setup(v) for v in VARIANTS}
for r in range(1, ROUNDS+1):
    order = VARIANTS if r % 2 else VARIANTS[::-1]
    for v in order:
        db = dbs[v]; l0 = open('/proc/loadavg').read().split()[0]
        for f in os.listdir(LOGS): os.remove(os.path.join(LOGS, f))
        c0 = pgms()
        subprocess.run(['pgbench','-n','-c','2','-j','1','-T',str(SECS),'-l','--log-prefix=' + os.path.join(LOGS, 'pgb_log'),'-f',SCRIPT,'-h','127.0.0.1','-p',PORT,'-U','postgres',db], env=ENV, capture_output=True, text=True, check=True).stdout
        c1 = pgms()
        lat = sorted(int(l.split()[2]) for f in os.listdir(LOGS) for l in open(os.path.join(LOGS, f)))
        if not lat:
            sys.exit(f'round {r} {v}: pgbench logged no transaction')
        n = len(lat); at = lambda q: lat[min(n-1, -(-int(q*n*1000)//1000)-1)]/1000
        print(f'round {r} {v:8} registrations: {n/SECS:6.0f} tps  p50 {at(.5):.1f} p99 {at(.99):.1f} p99.9 {at(.999):.1f} max {lat[-1]/1000:.1f} ms'
              f'  over 100 ms {sum(1 for x in lat if x > 100000)}  PostgreSQL {(c1-c0)/n:.3f} ms/txn  load {l0} -> {open("/proc/loadavg").read().split()[0]}', flush=True)
        # import-like: one backend, its own CPU
        p = subprocess.Popen(['psql','-qAt','-h','127.0.0.1','-p',PORT,'-U','postgres',db], env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        p.stdin.write('SELECT pg_backend_pid();\n'); p.stdin.flush(); pid = int(p.stdout.readline())
        g = fields(pid); b0 = (int(g[11])+int(g[12]))*10; t0 = time.time()
        for k in range(4): p.stdin.write(IMPORT + ';\n')
        for i in TRGM: p.stdin.write(f"SELECT gin_clean_pending_list('{i}');\n")
        p.stdin.write('SELECT 1;\n'); p.stdin.flush()
        for k in range(len(TRGM)+1): p.stdout.readline()
        g = fields(pid); b1 = (int(g[11])+int(g[12]))*10; t1 = time.time()
        p.stdin.close(); p.wait()
        print(f'round {r} {v:8} import-like 20,000 people (4 x 5,000) and the lists merged: backend CPU {(b1-b0)/20:.1f} ms per 1,000 people, wall {t1-t0:.1f} s', flush=True)
