/**
 * Command scripts for the differential suite, in redis-cli syntax (one command per line), written
 * from the Redis command pages. Each runs on a fresh keyspace and a flushed redis-server.
 */
export const differentialScripts: Record<string, string> = {
  'GET/SET basics, case-insensitive names, arity': `
    SET k v
    get k
    GeT k
    GET missing
    SET "" empty-key
    GET ""
    SET k ""
    GET k
    STRLEN k
    GET
    GET a b
    SET a
    set
    SETNX k other
    SETNX fresh 1
    GET fresh
    ECHO "hello world"
    ECHO ""
    ECHO
    PING
    ping hi
    PING a b
    TYPE k
    TYPE missing
    TYPE
  `,
  'SET options: EX PX EXAT PXAT NX XX KEEPTTL GET': `
    SET a 1 EX 100
    TTL a
    PTTL a
    SET a 2
    TTL a
    SET a 3 PX 50000
    TTL a
    SET a 4 KEEPTTL
    TTL a
    GET a
    SET a 5 EXAT 4102444800
    EXPIRETIME a
    SET a 6 PXAT 4102444800123
    PEXPIRETIME a
    EXPIRETIME a
    SET b 1 NX
    SET b 2 NX
    GET b
    SET c 1 XX
    GET c
    SET b 3 XX
    GET b
    SET b 4 GET
    SET nothing 1 GET
    SET b 5 NX GET
    SET newkey 1 NX GET
    SET none 1 XX GET
    EXISTS none
    SET b 6 XX GET
    SET b 7 GET EX 100
    TTL b
    SET b 8 GET KEEPTTL
    TTL b
    set b 9 ex 10 ex 20
    TTL b
    SET b 10 nx nx
    SET b 11 get get
    SET b 12 keepttl keepttl
  `,
  'SET option errors': `
    SET a b NX XX
    SET a b XX NX
    SET a b EX 10 PX 10
    SET a b PX 10 EX 10
    SET a b EX 10 EXAT 10
    SET a b PXAT 10 EXAT 10
    SET a b KEEPTTL EX 10
    SET a b EX 10 KEEPTTL
    SET a b EX
    SET a b PX
    SET a b foo
    SET a b EX abc
    SET a b EX 1.5
    SET a b EX " 10"
    SET a b EX 0
    SET a b EX -1
    SET a b PX 0
    SET a b EXAT 0
    SET a b PXAT -5
    SET a b EX 9223372036854775807
    SET a b EX 9223372036854775
    SET a b PX 9223372036854775807
    SET a b EXAT 9223372036854775807
    SET a b PXAT 9223372036854775807
    SET a b EX 9223372036854775808
    SET a b EX abc FOO
    SET a b GET NX XX
    EXISTS a
    SET a b PERSIST
  `,
  'SETEX, PSETEX, GETSET, GETDEL, MGET, MSET': `
    SETEX a 100 v
    TTL a
    GET a
    SETEX a 0 v
    SETEX a -10 v
    SETEX a abc v
    SETEX a 10
    PSETEX b 100000 v
    PTTL b
    PSETEX b 0 v
    PSETEX b 1.5 v
    GETSET a new
    TTL a
    GETSET missing x
    GET missing
    GETSET a
    GETDEL a
    GETDEL a
    EXISTS a
    GETDEL
    MSET x 1 y 2 z 3
    MGET x y z nope
    MSET x
    MSET x 1 y
    MSET
    MSET x 10 x 20
    GET x
    MGET
    MGET nope
    SETEX ttlkey 100 v
    MSET ttlkey v2
    TTL ttlkey
  `,
  'GETEX options': `
    SET k v
    GETEX k
    TTL k
    GETEX k EX 100
    TTL k
    GETEX k PX 200000
    TTL k
    GETEX k EXAT 4102444800
    EXPIRETIME k
    GETEX k PXAT 4102444800999
    PEXPIRETIME k
    GETEX k PERSIST
    TTL k
    GETEX k EX 0
    GETEX k EX -1
    GETEX k EX abc
    GETEX k PX 9223372036854775807
    GETEX k EX 10 PX 10
    GETEX k PERSIST EX 10
    GETEX k EX 10 PERSIST
    GETEX k NX
    GETEX k KEEPTTL
    GETEX k GET
    GETEX k EX
    GETEX k EX 10 EX 20
    TTL k
    GETEX k PERSIST PERSIST
    GETEX missing EX abc
    GETEX missing EX 10
    GETEX missing FOO
    GETEX k EXAT 1
    EXISTS k
    SET k v
    GETEX k PXAT 1000
    GET k
    GETEX
  `,
  'DEL, UNLINK, EXISTS, RENAME, RENAMENX': `
    MSET a 1 b 2 c 3
    DEL a b nope
    DEL a
    EXISTS a b c c nope
    UNLINK c c
    DEL
    UNLINK
    EXISTS
    SET src v
    EXPIRE src 100
    RENAME src dst
    TTL dst
    GET dst
    EXISTS src
    RENAME src dst
    RENAME dst dst
    RENAME nope nope
    SET other x
    RENAME dst other
    GET other
    TTL other
    RENAME other
    SET p 1
    RENAMENX p other
    RENAMENX p q
    RENAMENX nope q
    RENAMENX q q
  `,
  'EXPIRE family with NX XX GT LT': `
    SET k v
    EXPIRE k 100 XX
    EXPIRE k 100 GT
    EXPIRE k 100 LT
    TTL k
    EXPIRE k 200 NX
    EXPIRE k 200 GT
    TTL k
    EXPIRE k 100 GT
    EXPIRE k 300 LT
    EXPIRE k 50 LT
    TTL k
    EXPIRE k 60 XX GT
    EXPIRE k 40 XX LT
    TTL k
    EXPIRE k 10 NX XX
    EXPIRE k 10 NX GT
    EXPIRE k 10 NX LT
    EXPIRE k 10 GT LT
    EXPIRE k 10 FOO
    EXPIRE k abc FOO
    EXPIRE k 10 nx NX
    EXPIRE k abc
    EXPIRE k 1.5
    EXPIRE k " 1"
    EXPIRE k +1
    EXPIRE k 010
    EXPIRE missing 10
    EXPIRE missing abc
    PEXPIRE k 100000
    PTTL k
    EXPIREAT k 4102444800
    EXPIRETIME k
    PEXPIREAT k 4102444800555
    PEXPIRETIME k
    EXPIRETIME k
    PERSIST k
    PERSIST k
    PERSIST missing
    TTL k
    EXPIRE k 9223372036854775807
    EXPIRE k -9223372036854775808
    PEXPIRE k 9223372036854775807
    EXPIREAT k 9223372036854775807
    PEXPIREAT k 9223372036854775807
    PEXPIRETIME k
    EXPIRETIME k
    EXPIRE k
    EXPIRE
  `,
  'non-positive and past expiries delete': `
    SET a v
    EXPIRE a 0
    EXISTS a
    SET a v
    EXPIRE a -5
    EXISTS a
    SET a v
    PEXPIRE a -1
    GET a
    SET a v
    EXPIREAT a 1
    GET a
    SET a v
    PEXPIREAT a 0
    GET a
    SET a v
    EXPIRE a -9223372036854775
    EXISTS a
    SET a v
    PEXPIRE a -9223372036854775808
    EXISTS a
    SET a v
    EXPIRE a 0 GT
    EXPIRE a 0 LT
    EXISTS a
    SET b v EXAT 1
    EXISTS b
    SET b v PXAT 1
    GET b
    INFO stats
  `,
  'TTL, PTTL, EXPIRETIME, PEXPIRETIME replies': `
    TTL missing
    PTTL missing
    EXPIRETIME missing
    PEXPIRETIME missing
    SET k v
    TTL k
    PTTL k
    EXPIRETIME k
    PEXPIRETIME k
    PEXPIRE k 1499
    TTL k
    PEXPIRE k 1501
    TTL k
    PEXPIRE k 400
    TTL k
    TTL
    TTL a b
    PTTL
    EXPIRETIME a b
  `,
  'expiry by time passing (DEBUG SLEEP)': `
    SET short v PX 300
    SET long v EX 100
    SET plain v
    SETEX s2 1 v
    PSETEX s3 200 v
    DEBUG SLEEP 0.5
    GET short
    EXISTS s3
    TTL short
    KEYS *
    DBSIZE
    DEBUG SLEEP 0.7
    GET s2
    DBSIZE
    KEYS *
    INFO keyspace
    SET k v PX 200
    INCR counter
    PEXPIRE counter 200
    APPEND k more
    DEBUG SLEEP 0.3
    GET k
    GET counter
    INFO stats
  `,
  'lazy expiry without the active cycle': `
    DEBUG SET-ACTIVE-EXPIRE 0
    SET a v PX 100
    SET b v PX 100
    SET c v PX 100
    SET d v PX 100
    SET e v
    DEBUG SLEEP 0.2
    DBSIZE
    KEYS *
    DBSIZE
    EXISTS a
    DBSIZE
    DEL b
    SCAN 0
    DBSIZE
    INFO stats
    SET c v
    GET c
    DEBUG SET-ACTIVE-EXPIRE 1
  `,
  'INCR family and 64-bit edges': `
    INCR n
    INCR n
    DECR n
    INCRBY n 10
    DECRBY n 20
    INCRBY n -5
    DECRBY n -5
    GET n
    SET n 9223372036854775806
    INCR n
    INCR n
    GET n
    SET n -9223372036854775807
    DECR n
    DECR n
    DECRBY n 1
    SET n 0
    DECRBY n -9223372036854775808
    DECRBY n 9223372036854775807
    INCRBY n -9223372036854775808
    INCRBY n 9223372036854775807
    SET n 5
    INCRBY n 9223372036854775807
    INCRBY n 9223372036854775808
    INCRBY n -9223372036854775809
    INCRBY n abc
    INCRBY n 1.5
    INCRBY n ""
    INCRBY n " 1"
    INCRBY n "1 "
    INCRBY n +1
    INCRBY n 01
    INCRBY n -0
    SET s " 1"
    INCR s
    SET s "1 "
    INCR s
    SET s 01
    INCR s
    SET s -0
    INCR s
    SET s +1
    INCR s
    SET s ""
    INCR s
    SET s 1.0
    INCR s
    SET s 9223372036854775808
    INCR s
    SET s -9223372036854775808
    INCR s
    SET s abc
    DECR s
    INCR
    INCRBY n
    DECRBY n 1 2
    SET t 10 EX 100
    INCR t
    TTL t
    INCRBY t 5
    TTL t
  `,
  'APPEND and STRLEN in bytes (UTF-8)': `
    APPEND a hello
    APPEND a " world"
    GET a
    STRLEN a
    STRLEN missing
    SET u é
    STRLEN u
    APPEND u ü
    GET u
    STRLEN u
    SET emoji 😀
    STRLEN emoji
    APPEND emoji 日本
    STRLEN emoji
    SET bin "\\xff\\x00\\xfe"
    STRLEN bin
    GET bin
    APPEND bin "\\x41"
    GET bin
    SET split "\\xe2\\x82"
    APPEND split "\\xac"
    GET split
    STRLEN split
    SET ttl v EX 100
    APPEND ttl w
    TTL ttl
    APPEND
    APPEND a
    STRLEN
    SET "ключ" значение
    GET "ключ"
    STRLEN "ключ"
    KEYS *
  `,
  'KEYS and SCAN glob patterns': `
    MSET hello 1 hallo 2 hxllo 3 hllo 4 heeeello 5 "h*llo" 6 "h?llo" 7 "h[a]llo" 8 "h\\\\llo" 9 a1 10 a2 11 b- 12 é 13
    KEYS *
    KEYS h?llo
    KEYS h*llo
    KEYS h[ae]llo
    KEYS h[^e]llo
    KEYS h[a-b]llo
    KEYS h[b-a]llo
    KEYS h[a-z]llo
    KEYS "h\\\\*llo"
    KEYS "h\\\\?llo"
    KEYS "h\\\\[a]llo"
    KEYS "h[\\\\]]llo"
    KEYS "h\\\\\\\\llo"
    KEYS a[12]
    KEYS a[^1]
    KEYS [ab]*
    KEYS b[-]
    KEYS "b[a-]"
    KEYS h[
    KEYS h[a
    KEYS "h[^"
    KEYS ?
    KEYS ??
    KEYS é
    KEYS ***llo
    KEYS nomatch*
    KEYS ""
    KEYS
    KEYS a b
    SCAN 0
    SCAN 0 MATCH h*
    SCAN 0 MATCH h[^e]llo COUNT 100
    SCAN 0 COUNT 100 MATCH a?
    SCAN 0 TYPE string COUNT 100
    SCAN 0 TYPE list COUNT 100
    SCAN 0 TYPE foo
    SCAN 0 COUNT 0
    SCAN 0 COUNT -1
    SCAN 0 COUNT abc
    SCAN 0 MATCH
    SCAN 0 FOO bar
    SCAN abc
    SCAN " 0"
    SCAN 18446744073709551616
    SCAN
  `,
  // Patterns that make a plain backtracking matcher run for minutes; redis-server gives up early
  // (see glob.ts) and answers at once. Also the empty key, which only the empty pattern matches.
  'KEYS and SCAN MATCH with runaway patterns': `
    SET ${'a'.repeat(60)} 1
    SET ${'a'.repeat(59)}b 2
    SET ${'a'.repeat(1100)} 3
    SET "" 4
    KEYS ${'*a'.repeat(12)}*b
    KEYS ${'*a'.repeat(12)}*
    KEYS ${'*a'.repeat(30)}*b*c
    KEYS ${'*?'.repeat(40)}*z
    KEYS ${'*[a]'.repeat(20)}*[^a]
    KEYS ${'*a'.repeat(1000)}
    KEYS ${'*a'.repeat(1001)}
    SCAN 0 MATCH ${'*a'.repeat(12)}*b COUNT 100
    SCAN 0 MATCH ${'*a'.repeat(1001)} COUNT 100
    KEYS *
    KEYS **
    KEYS ?*
    KEYS ""
    SCAN 0 MATCH * COUNT 100
    SCAN 0 MATCH ** COUNT 100
  `,
  'DBSIZE, FLUSHDB, FLUSHALL': `
    DBSIZE
    MSET a 1 b 2 c 3
    DBSIZE
    FLUSHDB
    DBSIZE
    MSET a 1 b 2
    FLUSHALL ASYNC
    DBSIZE
    SET a 1
    FLUSHALL SYNC
    FLUSHDB async
    FLUSHALL foo
    FLUSHALL SYNC ASYNC
    FLUSHDB x y
    DBSIZE x
  `,
  'unknown commands and subcommands': `
    FOO
    foo a b
    foo "a b" c
    NOTACOMMAND "line\\r\\nbreak" x
    foo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbb
    CONFIG
    CONFIG FOO
    config foo bar
    CONFIG GET
    CONFIG SET maxmemory
    CONFIG RESETSTAT extra
    CONFIG HELP
    CONFIG REWRITE
    DEBUG
    DEBUG FOO
    DEBUG SLEEP
    DEBUG SLEEP 0 1
    DEBUG SLEEP abc
    DEBUG SLEEP 0
  `,
  'CONFIG GET and SET for maxmemory': `
    CONFIG GET maxmemory
    CONFIG GET MAXMEMORY
    CONFIG GET maxmemory*
    CONFIG GET *policy
    CONFIG GET maxmemory-polic?
    CONFIG GET maxmemory maxmemory-policy
    CONFIG GET nomatch
    CONFIG SET maxmemory 10mb
    CONFIG GET maxmemory
    CONFIG SET maxmemory 1gb
    CONFIG GET maxmemory
    CONFIG SET maxmemory 100k
    CONFIG GET maxmemory
    CONFIG SET maxmemory 2KB
    CONFIG GET maxmemory
    CONFIG SET maxmemory 12345
    CONFIG GET maxmemory
    CONFIG SET maxmemory 0
    CONFIG SET maxmemory abc
    CONFIG SET maxmemory -1
    CONFIG SET maxmemory 1.5mb
    CONFIG SET maxmemory 5%
    CONFIG SET maxmemory 10tb
    CONFIG SET MAXMEMORY-POLICY ALLKEYS-LRU
    CONFIG GET maxmemory-policy
    CONFIG SET maxmemory-policy volatile-ttl
    CONFIG SET maxmemory-policy allkeys-random
    CONFIG SET maxmemory-policy volatile-lru
    CONFIG SET maxmemory-policy bogus
    CONFIG GET maxmemory-policy
    CONFIG SET maxmemory-policy allkeys-lru maxmemory abc
    CONFIG GET maxmemory-policy
    CONFIG SET maxmemory 1mb maxmemory-policy allkeys-lfu
    CONFIG GET maxmemory*
    CONFIG SET maxmemory 1 maxmemory 2
    CONFIG SET maxmemory 1 maxmemory-policy
    CONFIG SET bogus 1
    CONFIG SET maxmemory-samples 0
    CONFIG SET maxmemory-samples abc
    CONFIG SET maxmemory-samples 10
    CONFIG GET maxmemory-samples
    CONFIG SET maxmemory-policy noeviction maxmemory 0
    INFO memory
  `,
  'maxmemory noeviction OOM': `
    SET before v
    CONFIG SET maxmemory 1
    SET a b
    SETEX a 10 b
    APPEND a b
    INCR n
    MSET a 1 b 2
    GET before
    DEL before
    EXISTS before
    EXPIRE nope 10
    CONFIG SET maxmemory 0
    SET a b
    GET a
  `,
  'maxmemory allkeys eviction to empty': `
    MSET a 1 b 2 c 3
    CONFIG SET maxmemory-policy allkeys-random
    CONFIG SET maxmemory 1
    DBSIZE
    SET d 4
    DBSIZE
    CONFIG SET maxmemory 0
    SET e 5
    DBSIZE
    CONFIG SET maxmemory-policy volatile-ttl
    CONFIG SET maxmemory 1
    SET f 6
    CONFIG SET maxmemory 0
    CONFIG SET maxmemory-policy noeviction
  `,
  'INFO sections and statistics': `
    SET k v
    GET k
    GET k
    GET missing
    MGET k missing other
    EXISTS k missing
    TYPE k
    TYPE missing
    TTL k
    PTTL missing
    STRLEN k
    STRLEN missing
    GETSET k v2
    GETDEL missing
    SET k v3 GET
    GETEX k
    INCR counter
    APPEND k x
    EXPIRE k 100
    RENAME k k2
    SETNX k2 x
    SET k2 y NX
    KEYS *
    SCAN 0
    DEL nope
    INFO stats
    INFO keyspace
    INFO STATS KEYSPACE
    INFO server
    INFO memory
    INFO
    INFO all
    INFO everything
    INFO default
    INFO foo
    CONFIG RESETSTAT
    INFO stats
    GET k2
    INFO stats
  `,
  'expired keys seen by writes, DEL and SET GET': `
    SET a v PX 100
    SET b v PX 100
    SET c v PX 100
    SET d v PX 100
    DEBUG SET-ACTIVE-EXPIRE 0
    DEBUG SLEEP 0.2
    SET a new GET
    DEL b
    EXPIRE c 100
    RENAME d x
    INCR a
    GET a
    TTL a
    SET t v EX 100
    SET dst old EX 5
    RENAME t dst
    TTL dst
    GETEX dst EXAT 1
    EXISTS dst
    INFO stats
    INFO keyspace
    DEBUG SET-ACTIVE-EXPIRE 1
  `,
};
