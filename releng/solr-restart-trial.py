#!/usr/bin/env python3
"""Does Solr keep what it acknowledges while its nodes restart? Starts the tests' SolrCloud (two
nodes, two shards: tests/io.switchboard.solr.cloud, built by the build), then ROUNDS times stops
every node and starts them again while posting batches of four records (alternating nodes, one
every 20 ms) until the collection is active again; 3 s later it looks up each record Solr answered
200 for and prints the batches it lost.
   releng/solr-restart-trial.py [ROUNDS]      (10 by default; about 15 s a round)"""
import json, os, shutil, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULE = os.path.join(ROOT, 'tests/io.switchboard.solr.cloud/target')
JAVA = os.path.join(os.environ.get('JAVA_HOME', '/usr/lib/jvm/temurin-25-jdk-amd64'), 'bin/java')
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
work = tempfile.mkdtemp(prefix='solr-trial-')
classpath = MODULE + '/classes:' + open(MODULE + '/classpath.txt').read().strip()
solr = subprocess.Popen([JAVA, '-Xmx768m', '-cp', classpath, 'io.switchboard.solr.cloud.Main', work + '/cluster', '2',
                         ROOT + '/bundles/io.switchboard.cdr.search.solr/solr/conf', 'cdr', '2'],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(work + '/solr.log', 'w'), text=True)


def said(prefix):
    for line in solr.stdout:
        if line.startswith(prefix):
            return line.strip()
    raise SystemExit('Solr ended; its log: ' + work + '/solr.log')


def command(word, answer):
    solr.stdin.write(word + '\n')
    solr.stdin.flush()
    return said(answer)


def post(url, ids):
    body = '<add commitWithin="1000">' + ''.join(
        '<doc><field name="id">%s</field><field name="_record">{}</field></doc>' % i for i in ids) + '</add>'
    request = urllib.request.Request(url + '/cdr/update', data=body.encode(), headers={'Content-Type': 'application/xml'})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 'refused'


def found(url, doc_id):
    with urllib.request.urlopen(url + '/cdr/select?rows=0&wt=json&q=id:' + doc_id, timeout=10) as r:
        return json.load(r)['response']['numFound']


urls = said('SOLR ')[5:].split(',')
sequence, lossy = [0], 0
for n in range(rounds):
    command('stop', 'STOPPED')
    acknowledged, codes, running = [], {}, [True]

    def feed():
        while running[0]:
            sequence[0] += 1
            ids = ['r%d_%d' % (sequence[0], k) for k in range(4)]
            code = post(urls[sequence[0] % 2], ids)
            codes[code] = codes.get(code, 0) + 1
            if code == 200:
                acknowledged.append((time.time(), ids))
            time.sleep(0.02)

    feeder = threading.Thread(target=feed)
    feeder.start()
    time.sleep(0.5)
    command('start', 'STARTED')
    active = time.time()
    running[0] = False
    feeder.join()
    time.sleep(3)
    lost = [(round(t - active, 2), ids, [found(urls[0], i) for i in ids]) for t, ids in acknowledged]
    lost = [l for l in lost if sum(l[2]) < len(l[1])]
    lossy += 1 if lost else 0
    print('round %d: answers %s; acknowledged batches that lost records (s after active, ids, found): %s'
          % (n + 1, codes, lost), flush=True)
print('%d of %d restarts lost acknowledged records' % (lossy, rounds))
solr.stdin.close()
solr.wait()
shutil.rmtree(work, ignore_errors=True)
