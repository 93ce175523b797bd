#!/usr/bin/env bash
# Re-vendor the front-end assets from the npm registry (pinned); nothing loads from a CDN.
# The result is committed under platform/static/vendor/.
set -euo pipefail
BOOTSTRAP=5.3.9
PLEX_ARABIC=5.3.0
CHARTJS=4.6.1
dest="$(cd "$(dirname "$0")/.." && pwd)/platform/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "bootstrap@$BOOTSTRAP" "@fontsource/ibm-plex-sans-arabic@$PLEX_ARABIC" \
  "chart.js@$CHARTJS" >/dev/null
for f in *.tgz; do mkdir -p "${f%.tgz}" && tar -xzf "$f" -C "${f%.tgz}"; done
rm -rf "$dest" && mkdir -p "$dest/bootstrap" "$dest/ibm-plex-sans-arabic/files"
cp bootstrap-$BOOTSTRAP/package/dist/css/bootstrap.rtl.min.css \
   bootstrap-$BOOTSTRAP/package/dist/css/bootstrap.min.css \
   bootstrap-$BOOTSTRAP/package/LICENSE "$dest/bootstrap/"
# The source maps are not vendored: drop the references to them (collectstatic checks them).
sed -i '/sourceMappingURL=/d' "$dest"/bootstrap/*.css
plex=fontsource-ibm-plex-sans-arabic-$PLEX_ARABIC/package
cp "$plex/LICENSE" "$dest/ibm-plex-sans-arabic/"
for weight in 400 600 700; do
  for subset in arabic latin; do
    cp "$plex/files/ibm-plex-sans-arabic-$subset-$weight-normal.woff2" "$dest/ibm-plex-sans-arabic/files/"
  done
done
# Chart.js (the network's dashboard and comparison): the UMD build, without its source map.
mkdir -p "$dest/chartjs"
cp chart.js-$CHARTJS/package/dist/chart.umd.min.js chart.js-$CHARTJS/package/LICENSE.md "$dest/chartjs/"
sed -i '/sourceMappingURL=/d' "$dest/chartjs/chart.umd.min.js"
echo "bootstrap $BOOTSTRAP, @fontsource/ibm-plex-sans-arabic $PLEX_ARABIC, chart.js $CHARTJS" > "$dest/VERSIONS"
echo "vendored into $dest"
