/* The directory's map: progressive enhancement over the list of organisations.
 *
 * Reads the organisations from the JSON data island (#map-data: name, url, lat, lng) and the
 * tile server from the container's data attributes. Does nothing when Leaflet did not load
 * (no network, blocked script) or when there is nothing to place: the list stays the content.
 */
(function () {
    "use strict";

    function start() {
        var container = document.getElementById("directory-map");
        var island = document.getElementById("map-data");
        if (!container || !island || typeof window.L === "undefined") {
            return;
        }
        var points;
        try {
            points = JSON.parse(island.textContent);
        } catch (error) {
            return;
        }
        if (!Array.isArray(points) || points.length === 0) {
            return;
        }
        var section = container.closest("[data-map-section]");
        if (section) {
            section.hidden = false;
        }

        var L = window.L;
        var icon = L.icon({
            iconUrl: container.dataset.iconUrl,
            iconRetinaUrl: container.dataset.iconRetinaUrl,
            shadowUrl: container.dataset.shadowUrl,
            iconSize: [25, 41],
            iconAnchor: [12, 41],
            popupAnchor: [1, -34],
            shadowSize: [41, 41]
        });
        var map = L.map(container, { scrollWheelZoom: false, zoomControl: false });
        // Leaflet names its zoom buttons in English: give them the page's language.
        L.control.zoom({
            zoomInTitle: container.dataset.zoomInLabel || "+",
            zoomOutTitle: container.dataset.zoomOutLabel || "−"
        }).addTo(map);
        L.tileLayer(container.dataset.tileUrl, {
            attribution: container.dataset.tileAttribution,
            maxZoom: 18
        }).addTo(map);

        // Organisations placed by their commune share coordinates: one marker per place, whose
        // popup lists them all.
        var places = {};
        var order = [];
        points.forEach(function (point) {
            if (typeof point.lat !== "number" || typeof point.lng !== "number") {
                return;
            }
            var key = point.lat.toFixed(5) + "," + point.lng.toFixed(5);
            if (!places[key]) {
                places[key] = [];
                order.push(key);
            }
            places[key].push(point);
        });

        var groupLabel = container.dataset.groupLabel || "%(count)s";
        var bounds = [];
        order.forEach(function (key) {
            var group = places[key];
            var position = [group[0].lat, group[0].lng];
            // Built with DOM nodes, never HTML strings: names are data.
            var list = document.createElement("ul");
            list.className = "map-popup__list";
            group.forEach(function (point) {
                var item = document.createElement("li");
                var link = document.createElement("a");
                link.href = point.url;
                link.textContent = point.name;
                item.appendChild(link);
                list.appendChild(item);
            });
            var title = group.length === 1
                ? group[0].name
                : groupLabel.replace("%(count)s", String(group.length)) + " " +
                    group.map(function (point) { return point.name; }).join(", ");
            L.marker(position, { icon: icon, title: title, alt: title })
                .bindPopup(list, { maxHeight: 280 })
                .addTo(map);
            bounds.push(position);
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 12);
        } else if (bounds.length > 1) {
            map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
