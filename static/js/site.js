// Behaviour of our pages, kept out of the HTML so the Content-Security-Policy can forbid
// inline scripts.
document.addEventListener("click", (event) => {
  const adder = event.target.closest("[data-add-row]");
  if (!adder) return;
  const prefix = adder.dataset.addRow;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-template`).innerHTML;
  document.getElementById(`${prefix}-body`)
    .insertAdjacentHTML("beforeend", template.replace(/__prefix__/g, total.value));
  total.value = parseInt(total.value, 10) + 1;
});

document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
