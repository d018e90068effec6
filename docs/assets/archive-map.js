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

  function baseLayers(map) {
    var offline = L.layerGroup().addTo(map);
    var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a>'
    });
    L.control.layers({ "Frontières (hors ligne)": offline, "OpenStreetMap (en ligne)": tiles }, null, { collapsed: true }).addTo(map);
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

  function places(map, points, options) {
    // No tile layer is on the map by default, and only tile layers set zoom limits.
    map.setMinZoom(2);
    map.setMaxZoom(18);
    borders(map);
    baseLayers(map);
    var group = options.cluster && L.markerClusterGroup
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
      : L.featureGroup();
    group.addTo(map);
    var markers = points.map(function (p) { return { point: p, layer: marker(p) }; });
    function show(year) {
      group.clearLayers();
      markers.forEach(function (m) {
        if (!year || m.point.year === year) {
          group.addLayer(m.layer);
        }
      });
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
    fit(map, points, options.maxZoom || 7);
    return group;
  }

  window.archiveMap = { places: places };
})();
