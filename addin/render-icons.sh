#!/bin/sh
# Renders MuniPlan's icons from their SVG sources in public/assets (a development step, needs
# rsvg-convert: apt-get install librsvg2-bin). The PNGs are committed; the build does not run this.
set -eu
cd "$(dirname "$0")/public/assets"
rsvg-convert -w 16 -h 16 icon-16.svg -o icon-16.png
for size in 32 64 80 128; do rsvg-convert -w "$size" -h "$size" icon.svg -o "icon-$size.png"; done
