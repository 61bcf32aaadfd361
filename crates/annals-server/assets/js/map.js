// Leaflet maps over an offline base map: country outlines from the vendored
// world-atlas (Natural Earth 1:110m) turned into GeoJSON by topojson-client.
// Online OpenStreetMap tiles are an opt-in toggle, off by default, so the app
// works with no network at all.

import { h } from './dom.js';

let outlinePromise = null;

/** The country outlines as GeoJSON, fetched once per page load. */
function outlines() {
  if (!outlinePromise) {
    outlinePromise = fetch('/vendor/world-atlas/countries-110m.json')
      .then((r) => {
        if (!r.ok) throw new Error(`base map: HTTP ${r.status}`);
        return r.json();
      })
      .then((topo) => topojson.feature(topo, topo.objects.countries))
      .catch((e) => {
        outlinePromise = null; // allow a retry on the next map
        throw e;
      });
  }
  return outlinePromise;
}

/**
 * Create a map in `container`. Returns {map, ready} where `ready` resolves once
 * the base map is drawn. `options.tilesToggle` adds the OSM checkbox.
 */
export function createMap(container, options = {}) {
  const map = L.map(container, {
    worldCopyJump: true,
    minZoom: 1,
    maxZoom: 12,
    attributionControl: true,
  });
  map.setView(options.center || [35, 50], options.zoom || 3);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Outlines: Natural Earth');

  const ready = outlines()
    .then((geo) => {
      L.geoJSON(geo, {
        interactive: false,
        style: { color: '#8c8270', weight: 0.7, fillColor: '#efe9da', fillOpacity: 1 },
      }).addTo(map);
    })
    .catch((e) => console.warn(e));

  if (options.tilesToggle) addTilesToggle(map);
  return { map, ready };
}

/** A checkbox control that adds OSM tiles on top of the outlines (needs network). */
function addTilesToggle(map) {
  let tiles = null;
  const Toggle = L.Control.extend({
    onAdd() {
      const box = h('input', { type: 'checkbox', testid: 'osm-toggle' });
      box.addEventListener('change', () => {
        if (box.checked) {
          // The {s} subdomains are what the server's Content-Security-Policy allows.
          tiles = L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
            maxZoom: 19,
            attribution: '© OpenStreetMap contributors',
          }).addTo(map);
        } else if (tiles) {
          map.removeLayer(tiles);
          tiles = null;
        }
      });
      const label = h('label', { class: 'leaflet-bar map-toggle', title: 'Load map tiles from openstreetmap.org (online)' },
        box, ' online map tiles');
      L.DomEvent.disableClickPropagation(label);
      return label;
    },
  });
  new Toggle({ position: 'topright' }).addTo(map);
}

/**
 * A place marker: a dot and the place's name, both plain DOM (the name is data).
 * `popup` is an Element or null.
 */
export function placeMarker(latlng, name, popup, extraClass = '') {
  const label = h('span', { class: 'place-label' }, name);
  const html = h('span', { class: `place-marker ${extraClass}`, testid: 'map-marker', 'data-place': name },
    h('span', { class: 'place-dot' }), label);
  const icon = L.divIcon({ html, className: 'place-icon', iconSize: null, iconAnchor: [6, 6] });
  const marker = L.marker(latlng, { icon, title: name, alt: name, riseOnHover: true });
  if (popup) marker.bindPopup(popup, { maxWidth: 360, maxHeight: 300 });
  return marker;
}

/**
 * Remove a map when its view goes away. A zoom or pan animation (the user's
 * wheel, a popup panning into view) may still be running: stop it first, or
 * Leaflet's end-of-animation handler runs on removed panes and throws.
 */
export function disposeMap(map) {
  map.stop();
  map.off();
  map.remove();
}
