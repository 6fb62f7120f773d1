// The map: an offline world outline (Natural Earth via world-atlas) and the filtered located
// events as clustered points; no tile server.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([25, 20], 2);
  var colours = { 1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d" };
  fetch(box.getAttribute("data-world")).then(function (r) { return r.json(); }).then(function (world) {
    var land = topojson.feature(world, world.objects.countries);
    // Antarctica's ring runs along the map's edge, and rings cut at the antimeridian
    // (Russia, Fiji) would draw lines across the map: move their western part east.
    land.features = land.features.filter(function (f) { return f.id !== "010"; });
    land.features.forEach(function (f) {
      var polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      polygons.forEach(function (rings) {
        rings.forEach(function (ring) {
          var east = ring.some(function (p) { return p[0] > 170; });
          var west = ring.some(function (p) { return p[0] < -170; });
          if (east && west) { ring.forEach(function (p) { if (p[0] < 0) { p[0] += 360; } }); }
        });
      });
    });
    L.geoJSON(land, { style: { color: "#888", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
  });
  fetch(box.getAttribute("data-geojson")).then(function (r) { return r.json(); }).then(function (data) {
    var cluster = L.markerClusterGroup({ chunkedLoading: true });
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, at) {
        return L.circleMarker(at, { radius: 6, weight: 1, color: "#333", fillOpacity: 0.85,
                                    fillColor: colours[feature.properties.quad_code] || "#777" });
      },
      onEachFeature: function (feature, marker) {
        var p = feature.properties, link = document.createElement("a");
        link.href = "/event/" + encodeURIComponent(p.id);
        link.textContent = p.event + " " + (p.date || "") + ": " + (p.actor || "?") + " → " +
          (p.recipient || "-") + " at " + (p.place || "?") + " (" + (p.country || "?") + ")";
        marker.bindPopup(link);
      }
    });
    cluster.addLayer(layer);
    map.addLayer(cluster);
    document.getElementById("located").textContent = data.features.length;
    box.setAttribute("data-loaded", "1");
  });
})();
