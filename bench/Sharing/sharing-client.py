import sys, os, hashlib, uuid, base64, sqlite3, datetime
provider, path, conn = sys.argv[1], sys.argv[2], sys.argv[3]
b64 = lambda b: base64.urlsafe_b64encode(b).decode().rstrip('=')
prefix = b64(os.urandom(9)); key = 'sxk_' + prefix + '_' + b64(os.urandom(32))
sha = hashlib.sha256(key.encode()).digest()
cid = str(uuid.uuid4()); now = datetime.datetime.now(datetime.timezone.utc)
if provider == 'Sqlite':
    ticks = int((now - datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds() * 10**7)
    db = sqlite3.connect(path)
    db.execute('INSERT INTO "SharingClients" ("Id","Name","KeyPrefix","KeySha256","CreatedAtUtc","CreatedBy") VALUES (?,?,?,?,?,?)',
               (cid.upper(), 'bench', prefix, sha, (ticks // 1000) << 11, str(uuid.uuid4()).upper()))
    db.commit()
else:
    import subprocess
    subprocess.run(['psql', conn, '-c', f"INSERT INTO \"SharingClients\" (\"Id\",\"Name\",\"KeyPrefix\",\"KeySha256\",\"CreatedAtUtc\",\"CreatedBy\") VALUES ('{cid}','bench','{prefix}','\\x{sha.hex()}',now(),'{uuid.uuid4()}')"], check=True, capture_output=True)
print(key)
