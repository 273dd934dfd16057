#!/bin/sh
# Leaves a server's data directory as a new deployment needs it: nothing of another server's (an OAuth token key, a
# database sealed with it), and the embedded store's database made but empty, so that the first start boots a
# database instead of creating one. The image runs it in the step that starts the server to warm its class cache.
# Usage: fresh-data.sh <Liberty's directory> <the server's output directory>
set -eu
wlp=$1
data=$2/data
rm -rf "$data"
# ij connects (creating the database) before it reads its input, which shuts Derby down cleanly.
echo "connect 'jdbc:derby:;shutdown=true';" | java -Dderby.stream.error.file=/dev/null \
    -Dij.connection.store="jdbc:derby:$data/agenthost;create=true" \
    -cp "$wlp/usr/shared/resources/derby/*" org.apache.derby.tools.ij > /dev/null
if [ ! -f "$data/agenthost/service.properties" ]; then
    echo "Derby did not create $data/agenthost" >&2
    exit 1
fi
# As the image's other output: a container may run as any user of group 0, which must write the database and the key.
chmod -R g+rwX "$data"
