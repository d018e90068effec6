/* The archive's maps: country borders shipped with the site, optional OpenStreetMap tiles,
 * and the places or incidents of a page. Called by the map files that the build writes
 * (build_tools/maps.py); works from file:// with no network.
 *
 * Popups and tooltips are built with DOM nodes and textContent, never from HTML strings
 * (Leaflet sets a string as innerHTML): a name from the corpus can never become markup.
 * Links are relative paths made by the build.
 */
(function () {
  "use strict";

  var SEA = "#dbe7ef";
  var LAND = { color: "#7a8691", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1, interactive: false };
  var STYLES = {
    primary: { radius: 8, color: "#8c2d04", weight: 2, fillColor: "#e6550d", fillOpacity: 0.9 },
    mentioned: { radius: 5, color: "#4a6a85", weight: 1, fillColor: "#9ecae1", fillOpacity: 0.7 },
    incident: { radius: 7, color: "#8c2d04", weight: 1.5, fillColor: "#e6550d", fillOpacity: 0.85 }
  };

  function isRelative(href) {
    return typeof href === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(href) && href.indexOf("//") !== 0;
  }

  function popupContent(point) {
    var box = document.createElement("div");
    box.className = "archive-popup";
    if (point.date) {
      var date = document.createElement("div");
      date.className = "archive-popup-date";
      date.textContent = point.date;
      box.appendChild(date);
    }
    var title = document.createElement(point.href && isRelative(point.href) ? "a" : "strong");
    title.textContent = point.title;
    if (title.tagName === "A") {
      title.href = point.href;
      title.target = "_top";
    }
    box.appendChild(title);
    if (point.note) {
      var note = document.createElement("div");
      note.className = "archive-popup-note";
      note.textContent = point.note;
      box.appendChild(note);
    }
    return box;
  }

  function marker(point) {
    var layer = L.circleMarker([point.lat, point.lon], STYLES[point.role] || STYLES.mentioned);
    layer.bindPopup(function () { return popupContent(point); });
    // A string would be set as innerHTML by Leaflet: the tooltip gets a text node.
    layer.bindTooltip(function () { return document.createTextNode(point.title); });
    return layer;
  }

  function borders(map) {
    map.getContainer().style.background = SEA;
    var atlas = window.ARCHIVE_BORDERS;
    if (!atlas || !window.topojson) {
      return null;
    }
    return L.geoJSON(topojson.feature(atlas, atlas.objects.countries), { style: LAND }).addTo(map);
  }

  // The names written on the offline base (cartes/reperes.js): regions and towns in French,
  // each from the zoom its rank allows, as text nodes (never HTML), in a pane over the land
  // shapes that takes no click.
  var LABEL_FIRST_ZOOM = [6, 4, 5, 7]; // by rank: regions, then towns of 1 M, 300 k, 100 k
  var REGION_LAST_ZOOM = 8;

  function labels(map) {
    var pane = map.createPane("archiveLabels");
    pane.style.zIndex = 450; // over the overlay pane's land (400), under popups
    pane.style.pointerEvents = "none";
    var layer = L.layerGroup().addTo(map);
    var made = (window.ARCHIVE_LABELS || []).map(function (label) {
      var text = document.createElement("span");
      text.textContent = label.name;
      var icon = L.divIcon({ className: "archive-label archive-label-" + label.kind, html: text, iconSize: null });
      return { label: label, marker: L.marker([label.lat, label.lon], { icon: icon, pane: "archiveLabels", interactive: false, keyboard: false }) };
    });
    function update() {
      var zoom = map.getZoom();
      made.forEach(function (m) {
        var shown = zoom >= LABEL_FIRST_ZOOM[m.label.rank] && !(m.label.kind === "region" && zoom > REGION_LAST_ZOOM);
        if (shown !== layer.hasLayer(m.marker)) {
          if (shown) { layer.addLayer(m.marker); } else { layer.removeLayer(m.marker); }
        }
      });
    }
    map.on("zoomend", update);
    update();
    return layer;
  }

  // The offline land shapes are opaque; over the online tiles only their borders show, and
  // the tiles write their own names.
  function baseLayers(map, land, names, overlays) {
    var offline = L.layerGroup().addTo(map);
    var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a>'
    });
    map.on("baselayerchange", function (event) {
      var online = event.layer === tiles;
      if (land) {
        land.setStyle({ fillOpacity: online ? 0 : LAND.fillOpacity });
      }
      if (online) { map.removeLayer(names); } else { names.addTo(map); }
    });
    L.control.layers({ "Frontières (hors ligne)": offline, "OpenStreetMap (en ligne)": tiles }, overlays, { collapsed: true }).addTo(map);
  }

  function fit(map, points, maxZoom) {
    var focus = points.filter(function (p) { return p.role !== "mentioned"; });
    var shown = focus.length ? focus : points;
    if (!shown.length) {
      return;
    }
    map.fitBounds(L.latLngBounds(shown.map(function (p) { return [p.lat, p.lon]; })), { padding: [30, 30], maxZoom: maxZoom });
  }

  function yearControl(map, years, show) {
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "leaflet-bar archive-year");
      var select = L.DomUtil.create("select", "", box);
      select.setAttribute("aria-label", "Année");
      [["", "Toutes les années"]].concat(years.map(function (y) { return [y, y]; })).forEach(function (item) {
        var option = document.createElement("option");
        option.value = item[0];
        option.textContent = item[1];
        select.appendChild(option);
      });
      L.DomEvent.disableClickPropagation(box);
      select.addEventListener("change", function () { show(select.value); });
      return box;
    };
    control.addTo(map);
  }

  // Places a text only mentions are a layer of their own, off until the reader asks.
  function places(map, points, options) {
    // No tile layer is on the map by default, and only tile layers set zoom limits.
    map.setMinZoom(2);
    map.setMaxZoom(18);
    L.control.scale({ imperial: false }).addTo(map);
    var land = borders(map);
    var names = labels(map);
    var mentioned = L.featureGroup();
    var toggled = options.mentionedToggle && points.some(function (p) { return p.role === "mentioned"; });
    baseLayers(map, land, names, toggled ? { "Lieux mentionnés": mentioned } : null);
    var group = options.cluster && L.markerClusterGroup
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
      : L.featureGroup();
    group.addTo(map);
    var markers = points.map(function (p) { return { point: p, layer: marker(p) }; });
    function show(year) {
      group.clearLayers();
      var shown = [];
      var layers = [];
      markers.forEach(function (m) {
        if (toggled && m.point.role === "mentioned") {
          mentioned.addLayer(m.layer);
        } else if (!year || m.point.year === year) {
          layers.push(m.layer);
          shown.push(m.point);
        }
      });
      // A cluster group given its markers one by one clusters and draws again for each:
      // a second at 10,000 incidents, during which the page (its search box too) waits.
      if (group.addLayers) {
        group.addLayers(layers);
      } else {
        layers.forEach(function (layer) { group.addLayer(layer); });
      }
      fit(map, shown, options.maxZoom || 7);
    }
    show("");
    if (options.years) {
      var years = [];
      points.forEach(function (p) { if (p.year && years.indexOf(p.year) < 0) { years.push(p.year); } });
      years.sort().reverse();
      if (years.length > 1) {
        yearControl(map, years, show);
      }
    }
    return group;
  }

  window.archiveMap = { places: places };
})();
